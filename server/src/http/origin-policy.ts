import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './api-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses what another site could make a fan's browser send with their session cookie, for every route at
 * once: a WebSocket upgrade from a foreign `Origin` (it would read and write as the fan), and a state-changing
 * request that carries the cookie without the server's own `Origin` (a form post from another page, even
 * a sibling subdomain that `SameSite=Lax` counts as the same site). Calls authenticated by a Bearer token
 * (the studio, API clients) carry no ambient credential and pass; so do clients that send no `Origin` on an
 * upgrade (browsers always send one there).
 */
export function originPolicy(ownOrigins: () => ReadonlySet<string>) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const origin = request.headers.origin;
    const own = origin !== undefined && ownOrigins().has(origin);
    if (request.headers.upgrade?.toLowerCase() === 'websocket') {
      if (origin !== undefined && !own)
        return refuse(reply, 'This WebSocket may only be opened from this site');
      return done();
    }
    const cookieAuthenticated =
      request.headers.cookie !== undefined && request.headers.authorization === undefined;
    if (!cookieAuthenticated || SAFE_METHODS.has(request.method)) return done();
    const sameSite = own || (origin === undefined && request.headers['sec-fetch-site'] === 'same-origin');
    if (!sameSite) return refuse(reply, 'Requests with your session must come from this site');
    done();
  };
}

function refuse(reply: FastifyReply, message: string): void {
  void sendApiError(reply, 403, message);
}
