import type { Server as HttpServer } from 'node:http';
import { Socket, type AddressInfo, type Server as NetServer } from 'node:net';
import NodeMediaServer, { type NodeMediaEvent, type NodeMediaSession } from 'node-media-server';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import { logFailure } from '../../../logging/error-log';
import { relaySessionOf, type RelaySession } from './media-server-session';

/** What the relay decides at each of node-media-server's (synchronous) events. */
export type MediaServerHooks = Readonly<Record<NodeMediaEvent, (session: RelaySession) => void>>;

export interface MediaServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly rtmpPort: number;
  readonly httpPort: number;
  readonly storeDir: string;
  readonly hooks: MediaServerHooks;
  readonly limits?: Partial<ConnectionLimits>;
}

/** How many connections the relay holds at most (each costs a socket, buffers and node-media-server state). */
export interface ConnectionLimits {
  /** Open connections per listener (RTMP, HTTP-FLV); beyond it the kernel's accept is answered by a close. */
  readonly maxConnections: number;
  /** RTMP connections from one address that have not yet published or played; beyond it they are closed at once. */
  readonly maxPendingPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 2_000,
  maxPendingPerAddress: 20,
};

/** A connection that has neither published nor played within this time is closed (idle sockets cost memory). */
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** node-media-server creates a listener only for a port that is set: a stand-in, replaced by our own listen. */
const PORT_PLACEHOLDER = 65_535;

let running: EmbeddedMediaServer | null = null;

/**
 * node-media-server 4.4.3 inside this process, listening where the config says. Its own `run()` is not used: it
 * cannot listen on port 0 and ends the process on EADDRINUSE, and opening its store would only persist its
 * history and relay tasks, which the relay does not use (the store path still points under DATA_DIR). It keeps
 * module-level state (one instance per process); `start` refuses a second while one runs.
 *
 * Hardening around it: an exception thrown while it parses a client's bytes (a `connect` without `tcUrl` throws
 * from `new URL`) closes that connection instead of ending the process; WebSocket-FLV is not offered (its
 * handler can throw outside any try); connections that never publish or play are closed after a while.
 */
export class EmbeddedMediaServer {
  readonly #nms: NodeMediaServer;
  readonly #listeners: [NodeMediaEvent, (session: NodeMediaSession) => void][] = [];
  #stopped = false;

  private constructor(
    nms: NodeMediaServer,
    readonly rtmpPort: number,
    readonly httpPort: number,
  ) {
    this.#nms = nms;
  }

  static async start(options: MediaServerOptions): Promise<EmbeddedMediaServer> {
    if (running)
      throw new Error('node-media-server is already running in this process (it keeps global state)');
    // Its logger writes to stdout (the server's stdout carries one line, "listening on …") and its constructor
    // prints a banner and sets debug: only its warnings and errors are kept, on stderr, named as its own.
    nmsLogger.log = (message, level = 'info') => {
      if (level === 'warn' || level === 'error')
        console.error(`live relay (node-media-server, ${level}): ${message}`);
    };
    const nms = new NodeMediaServer({
      bind: options.host,
      rtmp: { port: PORT_PLACEHOLDER },
      http: { port: PORT_PLACEHOLDER },
      store: { path: options.storeDir },
      record: { auto: false },
      webadmin: { enable: false },
    });
    const rtmp = nms.rtmpServer.tcpServer;
    const http = nms.httpServer.httpServer;
    if (!rtmp || !http) throw new Error('node-media-server made no RTMP or HTTP listener');
    const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
    rtmp.maxConnections = limits.maxConnections;
    http.maxConnections = limits.maxConnections;
    guardConnections(rtmp, limits.maxPendingPerAddress);
    offerHttpFlvOnly(nms);
    let rtmpPort: number;
    let httpPort: number;
    try {
      rtmpPort = await listen(rtmp, options.rtmpPort, options.host, 'RTMP_PORT');
      httpPort = await listen(http, options.httpPort, options.host, 'LIVE_HTTP_PORT');
    } catch (error) {
      // Stops its sampling timer and whichever listener did open.
      await nms.stop();
      throw error;
    }
    const server = new EmbeddedMediaServer(nms, rtmpPort, httpPort);
    for (const [event, hook] of Object.entries(options.hooks) as [
      NodeMediaEvent,
      (s: RelaySession) => void,
    ][]) {
      const listener = (raw: NodeMediaSession) => {
        if (raw.socket instanceof Socket) markSessionStarted(raw.socket);
        try {
          hook(relaySessionOf(raw));
        } catch (error) {
          logFailure(`live relay ${event}`, error);
        }
      };
      nms.on(event, listener);
      server.#listeners.push([event, listener]);
    }
    running = server;
    return server;
  }

  /** Stops listening and cuts every connection (publishers, players); then another instance may start. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const [event, listener] of this.#listeners) Context.eventEmitter.off(event, listener);
    const http = this.#nms.httpServer.httpServer;
    await this.#nms.stop();
    // Its stop closes the listeners and RTMP sockets but leaves HTTP-FLV answers streaming.
    http?.closeAllConnections();
    Context.broadcasts.clear();
    Context.sessions.clear();
    if (running === this) running = null;
  }
}

function listen(
  server: NetServer | HttpServer,
  port: number,
  host: string,
  setting: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.removeAllListeners('error');
    const onError = (error: NodeJS.ErrnoException) => {
      server.removeListener('listening', onListening);
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `The live relay cannot listen on ${host}:${port} (${setting}): the port is in use`
            : `The live relay cannot listen on ${host}:${port} (${setting}): ${error.message}`,
          { cause: error },
        ),
      );
    };
    const onListening = () => {
      server.removeListener('error', onError);
      server.on('error', (error) => logFailure(`live relay listener (${setting})`, error));
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Wraps every 'data' listener node-media-server puts on an RTMP socket: a throw while parsing closes that
 * socket only. Also closes a connection that neither publishes nor plays within `HANDSHAKE_TIMEOUT_MS`, and at
 * once one that would be more than `maxPendingPerAddress` such connections from one address (one client cannot
 * hold the relay's connections open without streaming; a publisher or player no longer counts).
 */
function guardConnections(server: NetServer, maxPendingPerAddress: number): void {
  const pendingByAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const pending = pendingByAddress.get(address) ?? 0;
    if (pending >= maxPendingPerAddress) {
      socket.destroy();
      return;
    }
    pendingByAddress.set(address, pending + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (pendingByAddress.get(address) ?? 1) - 1;
      if (left > 0) pendingByAddress.set(address, left);
      else pendingByAddress.delete(address);
    };
    pendingRelease.set(socket, release);
    const parsers = socket.listeners('data') as ((chunk: Buffer) => void)[];
    socket.removeAllListeners('data');
    for (const parse of parsers) {
      socket.on('data', (chunk: Buffer) => {
        try {
          parse(chunk);
        } catch (error) {
          logFailure('live relay: parsing an RTMP client', error);
          socket.destroy();
        }
      });
    }
    const idle = setTimeout(() => {
      if (!sessionStarted.has(socket)) socket.destroy();
    }, HANDSHAKE_TIMEOUT_MS);
    idle.unref();
    socket.once('close', () => {
      clearTimeout(idle);
      release();
    });
  });
}

/** RTMP sockets whose session asked to publish or play: no longer closed as idle, nor counted as pending. */
const sessionStarted = new WeakSet<Socket>();
/** Per RTMP socket still pending, what takes it off its address's pending count. */
const pendingRelease = new WeakMap<Socket, () => void>();

function markSessionStarted(socket: Socket): void {
  sessionStarted.add(socket);
  pendingRelease.get(socket)?.();
  pendingRelease.delete(socket);
}

/** WebSocket-FLV (play or publish) is refused: players use HTTP-FLV. */
function offerHttpFlvOnly(nms: NodeMediaServer): void {
  const ws = nms.httpServer.wsServer;
  if (ws) {
    ws.removeAllListeners('connection');
    ws.on('connection', (socket: { close(code: number, reason: string): void }) =>
      socket.close(1008, 'Play over HTTP-FLV'),
    );
    ws.on('error', (error: Error) => logFailure('live relay WebSocket listener', error));
  }
}
