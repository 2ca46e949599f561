import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StudioState } from '@shared/domain/sync/status';
import type { StudioRouter } from '../router';
import { openTestStudio, type TestStudio } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';
import { startBrowserMode, type BrowserMode } from './server';

const dir = tempDir();
const rendererDir = join(dir.path, 'renderer');
let t: TestStudio;
let mode: BrowserMode;
let origin: string;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mesi Studio</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("studio")');
  t = await openTestStudio(join(dir.path, 'data'));
  mode = await startBrowserMode({ studio: t.studio, rendererDir, allow: true });
  origin = new URL(mode.url).origin;
});
afterAll(async () => {
  await mode?.close();
  await t?.studio.close();
  dir.remove();
});

const wsClientFor = (token: string, onClose?: () => void) =>
  createWSClient({
    url: `${origin.replace('http', 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: { token },
    retryDelayMs: () => 60_000,
    onClose,
  });

describe('browser mode', () => {
  it('gives a loopback URL carrying a 32-byte token in the fragment', () => {
    expect(mode.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(mode.token, 'base64url')).toHaveLength(32);
  });

  it('serves the renderer with a strict CSP, falling back to index.html for app routes', async () => {
    const port = new URL(origin).port;
    for (const path of ['/', '/posts/some-id']) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Mesi Studio</title>');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
          `connect-src 'self' ws://127.0.0.1:${port} http: https:; media-src 'self' blob:; ` +
          "frame-ancestors 'none'; base-uri 'none'",
      );
    }
    expect(await (await fetch(`${origin}/assets/app.js`)).text()).toContain('studio');
  });

  it('answers /trpc only with the token', async () => {
    const url = `${origin}/trpc/studio.state`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${mode.token}x` } })).status).toBe(401);

    const client = createTRPCClient<StudioRouter>({
      links: [
        httpBatchLink({
          url: `${origin}/trpc`,
          transformer: superjson,
          headers: { authorization: `Bearer ${mode.token}` },
        }),
      ],
    });
    expect(await client.studio.state.query()).toMatchObject({
      activeAccountId: null,
      sync: { state: 'signed-out' },
    });
    await expect(client.posts.list.query({ accountId: 'nobody' })).rejects.toMatchObject({
      message: expect.stringMatching(/not signed in/),
    });
  });

  it('rejects requests for another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${origin}/`,
        { headers: { host: `evil.example:${new URL(origin).port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('streams the studio state over WebSocket with the token', async () => {
    const wsClient = wsClientFor(mode.token);
    const client = createTRPCClient<StudioRouter>({
      links: [wsLink({ client: wsClient, transformer: superjson })],
    });
    const state = await new Promise<StudioState>((resolve, reject) => {
      const sub = client.studio.onState.subscribe(undefined, {
        onData: (value) => {
          sub.unsubscribe();
          resolve(value);
        },
        onError: reject,
      });
    });
    expect(state).toMatchObject({ accounts: [], sync: { state: 'signed-out' } });
    await wsClient.close();
  });

  it('closes a WebSocket that brings no valid token', async () => {
    let closed = false;
    const wsClient = wsClientFor('wrong', () => (closed = true));
    const client = createTRPCClient<StudioRouter>({
      links: [wsLink({ client: wsClient, transformer: superjson })],
    });
    const outcome = await new Promise<string>((resolve) => {
      const sub = client.studio.onState.subscribe(undefined, {
        onData: () => resolve('data'),
        onError: (error) => {
          sub.unsubscribe();
          resolve(`error: ${error.message}`);
        },
      });
      setTimeout(() => resolve(closed ? 'closed' : 'nothing'), 3_000);
    });
    expect(outcome).not.toBe('data');
    expect(outcome).not.toBe('nothing');
    await wsClient.close();
  });

  it('never sends a stack trace or a file path to a client, with the token or without', async () => {
    const received: string[] = [];
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/trpc?connectionParams=1`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (data: Buffer) => received.push(data.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.send(JSON.stringify({ method: 'connectionParams', data: { token: 'wrong' } }));
    // One malformed request and one well-formed one: neither answer may carry a stack.
    socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'studio.onState' } }));
    socket.send(
      JSON.stringify({
        id: 2,
        method: 'subscription',
        params: { path: 'studio.onState', input: { json: null } },
      }),
    );
    await closed;
    expect(received.join('\n')).toMatch(/token missing or wrong/);

    const refusedWithToken = await fetch(
      `${origin}/trpc/posts.list?input=${encodeURIComponent('{"json":{"accountId":"nobody"}}')}`,
      {
        headers: { authorization: `Bearer ${mode.token}` },
      },
    );
    expect(refusedWithToken.status).toBe(404);
    received.push(await refusedWithToken.text());

    for (const answer of received) {
      expect(answer).not.toMatch(/"stack"|\bat .+:\d+:\d+|\/src\/|node_modules/);
    }
  });

  it('refuses to start when not allowed or in production', async () => {
    await expect(startBrowserMode({ studio: t.studio, rendererDir, allow: false })).rejects.toThrow(
      /disabled/,
    );
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startBrowserMode({ studio: t.studio, rendererDir, allow: true })).rejects.toThrow(
        /production/,
      );
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
