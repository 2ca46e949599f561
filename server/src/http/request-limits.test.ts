import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server';
import { BODY_LIMIT_BYTES } from './http-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A raw HTTP request (fetch cannot send a Host of its choosing, nor a body without a length). */
function request(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  chunked?: boolean;
}): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    // The server may answer and close before the whole body is sent; that is the point.
    req.on('error', (error) => ((error as { code?: string }).code === 'EPIPE' ? undefined : reject(error)));
    if (options.chunked && options.body) {
      const body = Buffer.from(options.body);
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    } else if (options.body) {
      req.write(options.body);
    }
    req.end();
  });
}

const signUpBody = (size: number) =>
  JSON.stringify({ email: 'big@example.test', password: 'x'.repeat(size), role: 'fan', displayName: 'B' });

describe('request limits at the root', () => {
  it('answers 413 to a body over the limit, declared or streamed, before reading it', async () => {
    const tooBig = signUpBody(BODY_LIMIT_BYTES + 1);
    const declared = await request({
      method: 'POST',
      path: '/trpc/accounts.signUp',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(tooBig)) },
      body: tooBig,
    });
    expect(declared.status).toBe(413);
    const streamed = await request({
      method: 'POST',
      path: '/trpc/accounts.signUp',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: tooBig,
      chunked: true,
    });
    expect(streamed.status).toBe(413);
    // Just under the limit the same call is read and judged on its content.
    const fits = await request({
      method: 'POST',
      path: '/trpc/accounts.signUp',
      headers: { 'content-type': 'application/json' },
      body: signUpBody(1000),
    });
    expect(fits.status).toBe(400);
    expect(fits.body).toContain('password');
  });

  it('answers 415 to bodies tRPC does not take (form posts, raw bytes), without parsing them', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'application/octet-stream', 'text/html']) {
      const answer = await request({
        method: 'POST',
        path: '/trpc/accounts.signOut',
        headers: { 'content-type': type },
        body: '--x\r\n\r\n',
      });
      expect(answer.status, type).toBe(415);
    }
  });

  it('answers 400 to a Host header with user info or a path, on the API and on pages', async () => {
    for (const host of ['user:pass@127.0.0.1', 'user@localhost', 'localhost/evil', 'a b']) {
      for (const path of ['/trpc/accounts.me', '/']) {
        const answer = await request({ path, headers: { host } });
        expect(answer.status, `${host} ${path}`).toBe(400);
        expect(answer.body).toContain('Host');
      }
    }
    const plain = await request({
      path: '/trpc/accounts.me',
      headers: { host: `localhost:${new URL(server.url).port}` },
    });
    expect(plain.status).toBe(200);
  });
});

describe('HTTPS', () => {
  it('sends Strict-Transport-Security when the public address is https, and not otherwise', async () => {
    const plain = await fetch(`${server.url}/healthz`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const secure = await startTestServer({ config: { publicUrl: 'https://fans.example' } });
    try {
      const answer = await fetch(`${secure.url}/healthz`);
      expect(answer.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });
});
