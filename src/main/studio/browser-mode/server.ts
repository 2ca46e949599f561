import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Studio } from '../services';
import { VAULT_IMPORT_PATH, vaultImportRoute } from '../vault/browser-import';
import { bearerToken, newBrowserModeToken, tokenMatches } from './token';

export interface BrowserModeOptions {
  readonly studio: Studio;
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string;
  readonly host?: '127.0.0.1';
  readonly port?: number;
  /** Must be true: the caller passes false in packaged builds, where browser mode never runs. */
  readonly allow: boolean;
}

export interface BrowserMode {
  /** Open this in a browser: `http://127.0.0.1:PORT/#token=…` (the token stays out of server logs). */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Serves the studio UI and its router on loopback for development and tests: HTTP and WebSocket `/trpc`
 * behind a random token, with a strict CSP and a Host check against DNS rebinding. Refused in production.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  if (!options.allow) throw new Error('Browser mode is disabled in this build');
  if (process.env.NODE_ENV === 'production')
    throw new Error('Browser mode must not run with NODE_ENV=production');
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('Browser mode binds to 127.0.0.1 only');

  const token = newBrowserModeToken();
  const { studio } = options;
  let port = 0;

  const trpc = createHTTPHandler({
    router: studio.router,
    basePath: '/trpc/',
    createContext: () => studio.createContext(),
  });
  const vaultImport = vaultImportRoute(studio.createContext().accounts);
  const assets = sirv(options.rendererDir, { single: true, dev: false, etag: true });

  const server = createServer((req, res) => {
    if (!hostAllowed(req, port)) return reject(res, 421, 'Misdirected request');
    if (isTrpcPath(req.url)) {
      if (!tokenMatches(bearerToken(req.headers.authorization), token))
        return reject(res, 401, 'Unauthorized');
      return trpc(req, res);
    }
    // The page cannot hand the studio a path, so it sends a file's bytes here (Electron sends paths instead).
    if (pathOf(req.url) === VAULT_IMPORT_PATH) {
      if (!tokenMatches(bearerToken(req.headers.authorization), token)) {
        res.setHeader('Connection', 'close');
        return reject(res, 401, 'Unauthorized');
      }
      return void vaultImport(req, res);
    }
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    assets(req, res, () => reject(res, 404, 'Not found'));
  });

  const wss = new WebSocketServer({ noServer: true });
  const wsHandler = applyWSSHandler({
    wss,
    router: studio.router,
    createContext: ({ info }) => {
      if (!tokenMatches(info.connectionParams?.token, token)) {
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Browser-mode token missing or wrong' });
      }
      return studio.createContext();
    },
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!hostAllowed(req, port) || !isTrpcPath(req.url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/#token=${token}`,
    token,
    async close() {
      wsHandler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // The Live screen's preview fetches the stream from the account's server relay (see the renderer's CSP).
    `connect-src 'self' ws://127.0.0.1:${port} http: https:`,
    "media-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

// A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) still sends its own Host.
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const hostHeader = req.headers.host;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

function isTrpcPath(url: string | undefined): boolean {
  const path = pathOf(url);
  return path === '/trpc' || path.startsWith('/trpc/');
}

function reject(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}
