/**
 * The part of node-media-server 4.4.3 the relay uses (the package ships no types). Read from its source: sessions
 * are plain objects whose fields depend on the protocol, so the relay narrows them at run time
 * (`media-server-session.ts`) rather than trusting these shapes.
 */
declare module 'node-media-server' {
  import type { EventEmitter } from 'node:events';
  import type { Server as HttpServer } from 'node:http';
  import type { Server as NetServer } from 'node:net';

  export interface NodeMediaServerConfig {
    /** Listen address of every listener. */
    bind?: string;
    /** A listener is made only when its port is set and not 0. */
    rtmp?: { port?: number };
    http?: { port?: number };
    store?: { path?: string };
    record?: { auto?: boolean; path?: string };
    webadmin?: { enable?: boolean };
  }

  /** A session as the events hand it over: RTMP, HTTP-FLV, WS-FLV, or an internal one (record, relay). */
  export type NodeMediaSession = Record<string, unknown> & { readonly id: string };

  export type NodeMediaEvent =
    'prePublish' | 'postPublish' | 'donePublish' | 'prePlay' | 'postPlay' | 'donePlay';

  export default class NodeMediaServer {
    constructor(config: NodeMediaServerConfig);
    readonly rtmpServer: {
      readonly tcpServer?: NetServer;
      stop(): void;
    };
    readonly httpServer: {
      readonly httpServer?: HttpServer;
      readonly wsServer?: EventEmitter;
      stop(): void;
    };
    /** Adds `listener` to the process-wide emitter (see `Context.eventEmitter`). */
    on(event: NodeMediaEvent, listener: (session: NodeMediaSession) => void): void;
    run(): Promise<void>;
    stop(): Promise<void>;
  }
}

/** The module-level state every node-media-server instance of the process shares. */
declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events';

  const Context: {
    readonly eventEmitter: EventEmitter;
    /** Stream path → its broadcast; `publisher` is the session that holds the path (or null). */
    readonly broadcasts: Map<string, { publisher: unknown }>;
    readonly sessions: Map<string, unknown>;
  };
  export default Context;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: {
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
    log(message: string, level?: string): void;
  };
  export default logger;
}
