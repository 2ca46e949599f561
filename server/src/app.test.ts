import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test/test-server';

let server: TestServer;
let webDist: string;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(os.tmpdir(), 'mesi-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Mesi fans</title><div id="root"></div>',
  );
  await writeFile(path.join(webDist, 'assets', 'app.js'), 'console.log("fan app")');
  server = await startTestServer({ webDistDir: webDist });
});
afterAll(async () => {
  await server.close();
  await rm(webDist, { recursive: true, force: true });
});

describe('HTTP edge', () => {
  it('answers /healthz with the database kind and version', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: server.databaseKind,
      version: expect.any(String),
    });
  });

  it('answers malformed input with 400 naming the field, never 500', async () => {
    const post = (procedure: string, body: string) =>
      fetch(`${server.url}/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
    const badEmail = await post(
      'accounts.signUp',
      JSON.stringify({
        json: { email: 'not-an-email', password: 'long enough password', role: 'fan', displayName: 'X' },
      }),
    );
    expect(badEmail.status).toBe(400);
    const body = (await badEmail.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.message).toContain('email: Invalid email address');
    expect(body.error.json.data.code).toBe('BAD_REQUEST');

    const manyFields = await post(
      'accounts.signUp',
      JSON.stringify({ json: { email: 'a@b.test', role: 'boss' } }),
    );
    expect(manyFields.status).toBe(400);
    const text = JSON.stringify(await manyFields.json());
    expect(text).toContain('password:');
    expect(text).toContain('role:');
    expect(text).toContain('displayName:');

    const notJson = await post('accounts.signIn', '{ this is not json');
    expect(notJson.status).toBe(400);
    const noInput = await post('accounts.signIn', '');
    expect(noInput.status).toBe(400);
    const unknownProcedure = await post('accounts.nothing', '{}');
    expect(unknownProcedure.status).toBe(404);
  });

  it('serves the fan app with a strict CSP, and index.html for its routes', async () => {
    for (const route of ['/', '/c/maya', '/signin', '/signup']) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(await response.text()).toContain('Mesi fans');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ${server.url.replace('http', 'ws')}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBeTruthy();
    }
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('says how to build the fan app when it is not built; marks the cookie Secure behind https', async () => {
    const bare = await startTestServer({
      webDistDir: path.join(webDist, 'missing'),
      config: { publicUrl: 'https://fans.example' },
    });
    try {
      const response = await fetch(`${bare.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('npm run build:web');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self' wss://fans.example;");
      const signUp = await fetch(`${bare.url}/trpc/accounts.signUp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          json: {
            email: 'secure@example.test',
            password: 'long enough password',
            role: 'fan',
            displayName: 'S',
          },
        }),
      });
      expect(signUp.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Path=\/; Secure/);
    } finally {
      await bare.close();
    }
  });
});
