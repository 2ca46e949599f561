import net from 'node:net';
import { deflateSync } from 'node:zlib';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import type { ServerClient } from '../../../test/test-server';

/** An answer read off the socket as it came. */
export interface RawAnswer {
  readonly status: number;
  /** Header names in lower case; a repeated header's values joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends a request exactly as written (a path with `..` or NUL left as they are, which `fetch` would normalise
 * or refuse) on a fresh connection, and reads the whole answer (the server closes after it).
 */
export function rawHttp(
  baseUrl: string,
  request: { method: string; target: string; headers?: Record<string, string>; body?: Buffer },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const lines = [
    `${request.method} ${request.target} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  if (request.body) lines.push(`Content-Length: ${request.body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(received).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    socket.write(request.body ? Buffer.concat([head, request.body]) : head);
  });
}

/** A tus request through fetch, with `Tus-Resumable` unless told otherwise. */
export async function tusRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers }, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** `Upload-Metadata` as tus writes it: `key base64(value)` pairs. */
export const encodeMetadata = (metadata: Record<string, string>): string =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** A tRPC client of a server that is not a `TestServer` (one in a child process). */
export function clientOf(url: string, token?: string): ServerClient {
  return createTRPCClient({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        maxItems: MAX_CALLS_PER_BATCH,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      }),
    ],
  }) as ServerClient;
}

/** CRC-32 as PNG chunks use it. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of a few hundred bytes whose valid header claims `width` × `height` pixels: an image bomb. */
export function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc((width + 1) * 4))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Markup a browser would run if it ever rendered the bytes as HTML or SVG. */
export const SCRIPT_MARKUP =
  '<html><body><script>alert(document.cookie)</script><svg onload="alert(1)"></svg></body></html>';
