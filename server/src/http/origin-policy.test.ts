import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import { signUp, startTestServer, type TestServer } from '../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Opens the tRPC WebSocket as a browser page of `origin` would, with the fan's cookie; resolves how it went. */
function openSocket(origin: string | undefined, cookie: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/trpc`, {
      headers: { cookie, ...(origin ? { origin } : {}) },
    });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => undefined);
  });
}

const signOutWithCookie = (cookie: string, headers: Record<string, string>, body = '{}') =>
  fetch(`${server.url}/trpc/accounts.signOut`, { method: 'POST', headers: { cookie, ...headers }, body });

describe('requests another site could make with a fan\u2019s cookie', () => {
  it('refuses a WebSocket opened from a foreign origin, and allows the server\u2019s own pages and non-browsers', async () => {
    const { token } = await signUp(server, 'fan');
    const cookie = `mesi_session=${token}`;
    expect(await openSocket('http://127.0.0.1:1', cookie)).toBe(403); // another port of the same host
    expect(await openSocket('https://evil.example', cookie)).toBe(403);
    expect(await openSocket(new URL(server.url).origin, cookie)).toBe('open');
    expect(await openSocket(undefined, cookie)).toBe('open'); // the studio's Node client sends no Origin
  });

  it('refuses a cookie-carrying write without the server\u2019s own Origin, form posts included', async () => {
    const { token, client } = await signUp(server, 'fan');
    const cookie = `mesi_session=${token}`;
    const form = await signOutWithCookie(
      cookie,
      { origin: 'http://sibling.localhost:4000', 'content-type': 'multipart/form-data; boundary=x' },
      '--x--',
    );
    expect(form.status).toBe(403);
    expect((await signOutWithCookie(cookie, { 'content-type': 'application/json' })).status).toBe(403);
    expect(await client.accounts.me.query()).not.toBeNull(); // still signed in

    const own = await signOutWithCookie(cookie, {
      origin: new URL(server.url).origin,
      'content-type': 'application/json',
    });
    expect(own.status).toBe(200);
    expect(await client.accounts.me.query()).toBeNull();
  });

  it('lets Bearer-authenticated writes through whatever their Origin (no ambient credential)', async () => {
    const { token } = await signUp(server, 'creator');
    const response = await fetch(`${server.url}/trpc/accounts.signOut`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        origin: 'https://tool.example',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
  });
});

describe('batches', () => {
  it(`answers at most ${MAX_CALLS_PER_BATCH} calls in one request`, async () => {
    const call = (count: number) =>
      fetch(
        `${server.url}/trpc/${Array.from({ length: count }, () => 'accounts.me').join(',')}?batch=1&input=${encodeURIComponent('{}')}`,
      );
    expect((await call(MAX_CALLS_PER_BATCH)).status).toBe(200);
    const tooMany = await call(MAX_CALLS_PER_BATCH + 1);
    expect(tooMany.status).toBe(400);
  });
});
