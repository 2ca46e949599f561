/**
 * The viewers bench's peer: node-media-server 4.4.3 as it comes (RTMP in, HTTP-FLV out, no key or token
 * checks, no connection guards), in a process of its own. Only its log is quieted to warnings, as our relay
 * does (at its default level it logs every session). Prints one JSON line `{ rtmpPort, httpPort, pid }`.
 */
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NodeMediaServer from 'node-media-server';
import nmsLogger from 'node-media-server/src/core/logger.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const rtmpPort = await freePort();
const httpPort = await freePort();
const nms = new NodeMediaServer({
  bind: '127.0.0.1',
  rtmp: { port: rtmpPort },
  http: { port: httpPort },
  store: { path: mkdtempSync(join(tmpdir(), 'mesi-bench-nms-')) },
  record: { auto: false },
});
nmsLogger.level = 'warn';
await nms.run();
console.log(JSON.stringify({ rtmpPort, httpPort, pid: process.pid }));
process.once('SIGTERM', () => process.exit(0));
