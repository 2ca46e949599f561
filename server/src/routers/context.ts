import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import type { CallsInFlight } from './calls-in-flight';
import type { AccountService, AuthSession } from '../services/accounts/account-service';
import type { CreatorPageService } from '../services/creators/creator-page-service';
import type { FollowService } from '../services/creators/follow-service';
import type { PostService } from '../services/posts/post-service';
import type { ApplyService } from '../services/sync/apply-service';
import type { ChangeFeed } from '../services/sync/change-feed';

export const SESSION_COOKIE = 'mesi_session';

export interface Services {
  readonly accounts: AccountService;
  readonly posts: PostService;
  readonly apply: ApplyService;
  readonly feed: ChangeFeed;
  readonly creatorPages: CreatorPageService;
  readonly follows: FollowService;
}

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
}

export interface ContextSettings {
  readonly services: Services;
  /** Mark the cookie Secure (PUBLIC_URL is https). */
  readonly secureCookie: boolean;
  readonly calls: CallsInFlight;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // a malformed cookie is no cookie, not a server error
    }
  }
  return null;
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

async function resolveSession(services: Services, token: string | null) {
  const session = token ? await services.accounts.authenticate(token) : null;
  return { session, tokenRejected: token !== null && session === null };
}

/** Context of an HTTP request: a Bearer header or the session cookie; can set and clear the cookie. */
export function createHttpContextFactory(settings: ContextSettings) {
  const attributes = `HttpOnly; SameSite=Lax; Path=/${settings.secureCookie ? '; Secure' : ''}`;
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const token = bearerToken(req) ?? readCookie(req.headers.cookie, SESSION_COOKIE);
    const cookie: SessionCookie = {
      set: (value) =>
        res.appendHeader(
          'Set-Cookie',
          `${SESSION_COOKIE}=${encodeURIComponent(value)}; ${attributes}; Max-Age=${60 * 60 * 24 * 30}`,
        ),
      clear: () => res.appendHeader('Set-Cookie', `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`),
    };
    return {
      services: settings.services,
      ...(await resolveSession(settings.services, token)),
      ip: req.socket.remoteAddress ?? 'unknown',
      cookie,
      transport: 'http',
      calls: settings.calls,
    };
  };
}

/** Context of a WebSocket connection: `connectionParams.token` or the cookie sent with the upgrade. */
export function createWsContextFactory(settings: ContextSettings) {
  return async ({ req, info }: CreateWSSContextFnOptions): Promise<Context> => {
    const token =
      info.connectionParams?.token ?? bearerToken(req) ?? readCookie(req.headers.cookie, SESSION_COOKIE);
    return {
      services: settings.services,
      ...(await resolveSession(settings.services, token)),
      ip: req.socket.remoteAddress ?? 'unknown',
      cookie: { set: () => undefined, clear: () => undefined },
      transport: 'ws',
      calls: settings.calls,
    };
  };
}
