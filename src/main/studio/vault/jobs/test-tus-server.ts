import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server } from '@tus/server';

/** One request the test server saw. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  /** `Upload-Offset` of a PATCH. */
  readonly offset: number | null;
  readonly authorization: string | null;
}

export interface TestTusOptions {
  /** Where uploads are kept; reuse it to start the server again with what it had. */
  readonly directory: string;
  /** The token the server accepts. */
  readonly token: string;
  /** Largest upload it takes; a larger declared size is refused with 413 and a sentence. */
  readonly maxBytes?: number;
  /** Called for each PATCH as it arrives (to cut the connection mid-chunk). */
  readonly onPatch?: (patchNumber: number, cut: () => void) => void;
}

/**
 * Test support: a plain @tus/server with a file store on 127.0.0.1, standing in for the companion server's
 * `/uploads` where a test needs to cut connections at a chosen chunk. It checks the bearer token, refuses a
 * declared size over its limit in words (as the real one does), and checks the whole file's SHA-256 against the
 * `sha256` metadata when the upload completes. `stop` drops every open connection at once, like a crash.
 */
export class TestTusServer {
  readonly seen: SeenRequest[] = [];
  private http: HttpServer | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private patches = 0;
  /** Uploads completed with a matching checksum: id → SHA-256. */
  readonly finished = new Map<string, string>();

  constructor(private readonly options: TestTusOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (again, on the same port once it had one). */
  async start(): Promise<string> {
    const { directory, token, maxBytes } = this.options;
    const tus = new Server({
      path: '/uploads',
      datastore: new FileStore({ directory }),
      locker: new MemoryLocker(),
      relativeLocation: true,
      async onUploadCreate(request, upload) {
        if (request.headers.get('authorization') !== `Bearer ${token}`) {
          throw { status_code: 401, body: 'Sign in first\n' };
        }
        if (maxBytes !== undefined && (upload.size ?? 0) > maxBytes) {
          throw { status_code: 413, body: `This file is larger than your ${maxBytes} byte limit\n` };
        }
        return {};
      },
      onUploadFinish: async (_request, upload) => {
        const hash = createHash('sha256');
        await pipeline(createReadStream(join(directory, upload.id)), hash);
        const sha256 = hash.digest('hex');
        if (sha256 !== upload.metadata?.sha256) {
          throw { status_code: 460, body: 'The file does not match its checksum\n' };
        }
        this.finished.set(upload.id, sha256);
        return {};
      },
    });
    const http = createServer((request, response) => {
      const offset = request.headers['upload-offset'];
      this.seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        offset: typeof offset === 'string' ? Number(offset) : null,
        authorization: request.headers.authorization ?? null,
      });
      if (request.method === 'PATCH') {
        this.patches += 1;
        this.options.onPatch?.(this.patches, () => request.socket.destroy());
      }
      void tus.handle(request, response);
    });
    http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
    return this.url;
  }

  /** Stops at once: open connections are cut, whatever they were sending. */
  async stop(): Promise<void> {
    const http = this.http;
    if (!http) return;
    this.http = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  /** Reserves a port without serving on it yet (a server that is down). */
  async reservePort(): Promise<string> {
    await this.start();
    await this.stop();
    return this.url;
  }
}
