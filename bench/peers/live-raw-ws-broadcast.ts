/**
 * The chat fan-out's peer: a bare `ws` server that broadcasts each chat message to every connected socket,
 * one `ws.send` per message per socket (no batching, no access checks, no queue bounds): the design the issue
 * measured. The message is the same JSON as one of our `message` events. Prints one JSON line
 * `{ url, controlUrl, pid }`; `POST /chat?rate=R&seconds=S` on the control port broadcasts R messages a second
 * for S seconds, paced by the clock, each text "<seq> <wall-clock ms at send>", and answers `{ sent }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const wallClockMs = () => performance.timeOrigin + performance.now();

const http = createServer((_req, res) => res.writeHead(426).end('WebSocket only'));
const sockets = new WebSocketServer({ server: http });
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

const author = { id: crypto.randomUUID(), displayName: 'Bench creator', handle: 'bench' };
const streamId = crypto.randomUUID();

function broadcast(seq: number): void {
  const at = wallClockMs();
  const text = JSON.stringify({
    type: 'message',
    message: {
      id: crypto.randomUUID(),
      streamId,
      kind: 'message',
      author,
      text: `${seq} ${at}`,
      tip: null,
      createdAt: new Date(at).toISOString(),
      deletedAt: null,
    },
  });
  for (const socket of sockets.clients) socket.send(text);
}

async function publishChat(rate: number, seconds: number): Promise<number> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) broadcast(sent);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return sent;
}

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://control');
  const rate = Number(url.searchParams.get('rate'));
  const seconds = Number(url.searchParams.get('seconds'));
  if (req.method !== 'POST' || url.pathname !== '/chat' || !(rate > 0 && seconds > 0)) {
    res.writeHead(400).end('POST /chat?rate=R&seconds=S with positive numbers');
    return;
  }
  void publishChat(rate, seconds).then((sent) => res.end(JSON.stringify({ sent })));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    pid: process.pid,
  }),
);
process.once('SIGTERM', () => process.exit(0));
