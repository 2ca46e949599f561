import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * node-media-server 4.4.3 in process, as the live push's RTMP peer in tests. It has no types: the little of it
 * used here is typed below. It keeps global state (sessions, config, its event emitter): one relay per test
 * file (Vitest runs each file in its own process), restarted in place for the reconnect test.
 */
interface NodeMediaServerSession {
  readonly streamPath: string;
}
interface NodeMediaServerInstance {
  on(event: 'postPublish' | 'donePublish', listener: (session: NodeMediaServerSession) => void): void;
  run(): Promise<void>;
  stop(): Promise<void>;
}
type NodeMediaServerConstructor = new (config: unknown) => NodeMediaServerInstance;

const require = createRequire(import.meta.url);
const NodeMediaServer = require('node-media-server') as NodeMediaServerConstructor;
// Its constructor sets the log level to debug; errors only, set after each construction.
const nmsLogger = require('node-media-server/src/core/logger.js') as { level: string };

/** A port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export class RtmpRelay {
  private server: NodeMediaServerInstance | null = null;
  /** Stream paths (`/live/<name>`) in the order publishers started. */
  readonly published: string[] = [];
  private starts = 0;

  private constructor(
    readonly rtmpPort: number,
    readonly httpPort: number,
    private readonly storeFolder: string,
  ) {}

  static async start(storeFolder: string): Promise<RtmpRelay> {
    const relay = new RtmpRelay(await freePort(), await freePort(), storeFolder);
    await relay.up();
    return relay;
  }

  ingestUrl(streamName: string, key = 'test-key'): string {
    return `rtmp://127.0.0.1:${this.rtmpPort}/live/${streamName}?key=${key}`;
  }

  flvUrl(streamName: string): string {
    return `http://127.0.0.1:${this.httpPort}/live/${streamName}.flv`;
  }

  /** (Re)starts the relay on its ports. */
  async up(): Promise<void> {
    this.starts += 1;
    const server = new NodeMediaServer({
      bind: '127.0.0.1',
      rtmp: { port: this.rtmpPort },
      http: { port: this.httpPort },
      store: { path: join(this.storeFolder, `store-${this.starts}`) },
      record: { auto: false },
    });
    nmsLogger.level = 'error';
    // The emitter is global: listeners from an earlier start still fire, so only the first start adds them.
    if (this.starts === 1) server.on('postPublish', (session) => this.published.push(session.streamPath));
    await server.run();
    this.server = server;
  }

  /** Stops listening and cuts every connection (as a server crash or restart does to the publisher). */
  async down(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }
}

/** The first bytes of the relay's HTTP-FLV output for a stream (an FLV file starts with `FLV`). */
export async function firstFlvBytes(url: string, count = 13): Promise<Buffer> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`HTTP-FLV answered ${response.status}`);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < count) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    size += value.length;
  }
  controller.abort();
  return Buffer.concat(chunks).subarray(0, count);
}
