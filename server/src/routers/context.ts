import type { IncomingMessage } from 'node:http';
import type {} from '@fastify/cookie';
import type { FrameSocket } from '../http/direct-subscription';
import type { TrpcContextSource } from '../http/trpc-plugin';
import type { CallsInFlight } from './calls-in-flight';
import { throwIfDatabaseUnavailable } from './database-unavailable';
import type { AuthSession } from '../services/accounts/account-service';
import type { Services } from '../composition';

export const SESSION_COOKIE = 'mesi_session';
const SESSION_COOKIE_MAX_AGE_S = 60 * 60 * 24 * 30;

/** The session cookie of the fan web app; a no-op over WebSocket. */
export interface SessionCookie {
  set(token: string): void;
  clear(): void;
}

export interface Context {
  readonly services: Services;
  readonly session: AuthSession | null;
  /** A token was presented but is unknown, forged or revoked. */
  readonly tokenRejected: boolean;
  readonly ip: string;
  readonly cookie: SessionCookie;
  /** `ws`: this context serves a whole WebSocket connection (see `recheckConnectionSession`). */
  readonly transport: 'http' | 'ws';
  readonly calls: CallsInFlight;
  /**
   * Over WebSocket (null over HTTP): bytes sent on this connection that the peer has not read yet, and
   * writing a text frame straight to it (a subscription handed over to its socket: http/direct-subscription.ts).
   */
  readonly connection: ({ bufferedBytes(): number } & FrameSocket) | null;
}

export interface ContextSettings {
  readonly services: Services;
  /** Mark the cookie Secure (PUBLIC_URL is https). */
  readonly secureCookie: boolean;
  readonly calls: CallsInFlight;
  /** Reads a Cookie header (Fastify's cookie plugin), for WebSocket upgrades that bypass Fastify's request. */
  readonly parseCookie: (header: string) => Record<string, string | undefined>;
}

export function bearerToken(headers: IncomingMessage['headers']): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

async function resolveSession(services: Services, token: string | null) {
  const session = token
    ? await services.accounts.authenticate(token).catch((error: unknown) => {
        throwIfDatabaseUnavailable(error);
        throw error;
      })
    : null;
  return { session, tokenRejected: token !== null && session === null };
}

/**
 * The context factory of the tRPC plugin, for both transports it serves: an HTTP request (a Bearer header or
 * the session cookie; can set and clear the cookie), or a WebSocket connection (`connectionParams.token`, a
 * Bearer header or the cookie sent with the upgrade).
 */
export function createContextFactory(settings: ContextSettings) {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: settings.secureCookie,
  } as const;
  return async (source: TrpcContextSource): Promise<Context> => {
    if (source.transport === 'ws') {
      const { request } = source;
      const token =
        source.info.connectionParams?.token ??
        bearerToken(request.headers) ??
        cookieValue(settings.parseCookie(request.headers.cookie ?? ''));
      return {
        services: settings.services,
        ...(await resolveSession(settings.services, token)),
        ip: request.socket.remoteAddress ?? 'unknown',
        cookie: { set: () => undefined, clear: () => undefined },
        transport: 'ws',
        calls: settings.calls,
        connection: {
          bufferedBytes: () => source.socket.bufferedAmount,
          sendText: (frame) => {
            // As tRPC's own replies: nothing once the socket is closing.
            if (source.socket.readyState === source.socket.OPEN) source.socket.send(frame, { binary: false });
          },
        },
      };
    }
    const { request, reply } = source;
    const token = bearerToken(request.headers) ?? cookieValue(request.cookies);
    return {
      services: settings.services,
      ...(await resolveSession(settings.services, token)),
      ip: request.ip,
      cookie: {
        set: (value) =>
          void reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions, maxAge: SESSION_COOKIE_MAX_AGE_S }),
        clear: () => void reply.clearCookie(SESSION_COOKIE, cookieOptions),
      },
      transport: 'http',
      calls: settings.calls,
      connection: null,
    };
  };
}

function cookieValue(cookies: Record<string, string | undefined>): string | null {
  const value = cookies[SESSION_COOKIE];
  return value ? value : null;
}
