import type { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { NodeMediaSession } from 'node-media-server';
import Context from 'node-media-server/src/core/context.js';
import type { PlayerWriteBatcher } from './player-write-batcher';

/** What the relay needs of a node-media-server session, read defensively (its fields depend on the protocol). */
export interface RelaySession {
  readonly id: string;
  /** `rtmp` (ingest, or RTMP play), `flv` (HTTP-FLV or WS-FLV play), or anything else (refused). */
  readonly protocol: string;
  readonly app: string;
  readonly name: string;
  /** A query parameter given exactly once as a string; undefined otherwise. */
  param(name: string): string | undefined;
  /** Ends the session at once: nothing more is read from it, and nothing more reaches it. */
  refuse(status: number, reason: string): void;
  /** Headers of an HTTP-FLV answer, set before node-media-server writes its first bytes (no-op for RTMP). */
  setAnswerHeaders(headers: Readonly<Record<string, string>>): void;
  /** Media a player sends is dropped (node-media-server would broadcast it to the stream's viewers). */
  ignoreIncomingMedia(): void;
  /** Media node-media-server sends this player goes through `batcher` (batched, and cut when not read). */
  batchWrites(batcher: PlayerWriteBatcher): void;
  /** Called once when the session's connection is gone. */
  onGone(listener: () => void): void;
  /** Whether node-media-server made this session the publisher of its path (it may refuse after `postPublish`). */
  holdsPath(): boolean;
}

export function relaySessionOf(raw: NodeMediaSession): RelaySession {
  const text = (key: string) => (typeof raw[key] === 'string' ? raw[key] : '');
  const query = typeof raw.streamQuery === 'object' && raw.streamQuery !== null ? raw.streamQuery : {};
  const socket = raw.socket instanceof Socket ? raw.socket : null;
  const response = isResponse(raw.res) ? raw.res : null;
  const connection = socket ?? response?.socket ?? null;
  return {
    id: raw.id,
    protocol: text('protocol'),
    app: text('streamApp'),
    name: text('streamName'),
    param(name) {
      const value: unknown = (query as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : undefined;
    },
    refuse(status, reason) {
      const rtmp = raw.rtmp as { onPacketCallback?: unknown } | undefined;
      // node-media-server goes on parsing the rest of a buffer after its event returns: drop what follows.
      if (rtmp && typeof rtmp === 'object') rtmp.onPacketCallback = () => undefined;
      if (socket) {
        socket.destroy();
      } else if (response) {
        // `Connection: close` ends the connection once the answer is out, so the session is gone with it.
        if (!response.headersSent) {
          response.writeHead(status, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Cache-Control': 'no-store',
            Connection: 'close',
          });
        }
        // An HTTP-FLV publish streams its body: nothing more of it is parsed, and the connection goes once answered.
        if (isReadable(raw.req)) raw.req.removeAllListeners('data');
        response.end(`${reason}\n`, () => response.socket?.destroy());
      } else if (typeof raw.close === 'function') {
        (raw.close as () => void)();
      }
    },
    setAnswerHeaders(headers) {
      if (!response || response.headersSent) return;
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    },
    ignoreIncomingMedia() {
      const rtmp = raw.rtmp as { onPacketCallback?: unknown } | undefined;
      if (rtmp && typeof rtmp === 'object') rtmp.onPacketCallback = () => undefined;
    },
    batchWrites(batcher) {
      // node-media-server's own send (an own property: a class field) writes and counts the bytes.
      const send = raw.sendBuffer;
      if (typeof send !== 'function' || !connection) return;
      const player = batcher.add({
        write: (buffers) => {
          // One syscall for them all: the socket gathers the writes (HTTP-FLV: a chunk each) until uncorked.
          connection.cork();
          for (const buffer of buffers) (send as (buffer: Buffer) => void).call(raw, buffer);
          connection.uncork();
        },
        unsentBytes: () => connection.writableLength,
        cut: () => connection.destroy(),
      });
      raw.sendBuffer = (buffer: Buffer) => player.push(buffer);
      if (connection.destroyed) player.drop();
      else connection.once('close', () => player.drop());
    },
    holdsPath() {
      return typeof raw.streamPath === 'string' && Context.broadcasts.get(raw.streamPath)?.publisher === raw;
    },
    onGone(listener) {
      if (!connection || connection.destroyed) {
        queueMicrotask(listener);
        return;
      }
      connection.once('close', listener);
    },
  };
}

function isReadable(value: unknown): value is NodeJS.ReadableStream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as NodeJS.ReadableStream).removeAllListeners === 'function'
  );
}

function isResponse(value: unknown): value is ServerResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ServerResponse).writeHead === 'function' &&
    typeof (value as ServerResponse).end === 'function'
  );
}
