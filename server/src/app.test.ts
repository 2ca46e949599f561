import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cookieParts, signUp, startTestServer, type TestServer } from './test/test-server';

let server: TestServer;
let webDist: string;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(os.tmpdir(), 'mesi-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(
    path.join(webDist, 'index.html'),
    '<!doctype html><html><head><!--page-head--><title>Mesi</title><!--/page-head--></head><body><div id="root">Mesi fans</div></body></html>',
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
        email: 'not-an-email',
        password: 'long enough password',
        role: 'fan',
        displayName: 'X',
      }),
    );
    expect(badEmail.status).toBe(400);
    const body = (await badEmail.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.message).toContain('email: enter a valid email address');
    expect(body.error.data.code).toBe('BAD_REQUEST');

    const manyFields = await post('accounts.signUp', JSON.stringify({ email: 'a@b.test', role: 'boss' }));
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

  it('serves the fan app with a strict CSP, and its page for each of its routes', async () => {
    for (const route of ['/', '/signin', '/signup/']) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(await response.text()).toContain('Mesi fans');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ${server.url.replace('http', 'ws')}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    const api = await fetch(`${server.url}/trpc/accounts.me`);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('answers every unknown page with the styled not-found page and status 404', async () => {
    for (const route of [
      '/nope',
      '/c/',
      '/c/someone/else',
      '/index.php?x=1',
      '/c/%E0%A4%A',
      `/c/${'a'.repeat(6000)}`,
    ]) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(404);
      const html = await response.text();
      expect(html, route).toContain('Mesi fans'); // the app renders its not-found view
      expect(html, route).toContain('<title>Page not found · Mesi</title>');
      expect(html, route).toContain('<meta name="robots" content="noindex" />');
    }
    const post = await fetch(`${server.url}/nope`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it("answers a creator's page with their name and profile in the head, and an unknown handle with 404", async () => {
    const { client, account } = await signUp(server, 'creator');
    await client.profiles.update.mutate({
      baseVersion: 0,
      draft: {
        displayName: 'Mara <the> "Maker"',
        bio: 'Ceramics & slow films.\nNew work every Friday.',
        links: [],
        accentColor: '#336699',
      },
    });
    const response = await fetch(`${server.url}/c/${account.handle!.toUpperCase()}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(
      '<title>Mara &lt;the&gt; &quot;Maker&quot; (@' + account.handle + ') · Mesi</title>',
    );
    expect(html).toContain(
      '<meta name="description" content="Ceramics &amp; slow films. New work every Friday." />',
    );
    expect(html).toContain('<meta property="og:type" content="profile" />');
    expect(html).toContain(`<meta property="og:url" content="${server.url}/c/${account.handle}" />`);
    expect(html).toContain('<meta name="twitter:card" content="summary" />');
    expect(html).not.toContain('<the>');

    const unknown = await fetch(`${server.url}/c/nobody_here_at_all`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<title>Creator not found · Mesi</title>');
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
          email: 'secure@example.test',
          password: 'long enough password',
          role: 'fan',
          displayName: 'S',
        }),
      });
      const cookie = cookieParts(signUp.headers.get('set-cookie'));
      for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure'])
        expect(cookie.attributes).toContain(attribute);
    } finally {
      await bare.close();
    }
  });
});

describe('closing', () => {
  it('lets calls under way finish before it closes the database, even when their clients hung up', async () => {
    const closing = await startTestServer({ webDistDir: webDist });
    const { account } = await signUp(closing, 'creator');
    const input = encodeURIComponent(JSON.stringify({ handle: account.handle }));
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
    let release: () => void = () => undefined;
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Hold the posts table, so the page request below waits in its handler for the database.
    const holder = closing.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE posts IN ACCESS EXCLUSIVE MODE`.execute(trx);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    try {
      await isLocked;
      const request = http.get(`${closing.url}/trpc/creators.page?input=${input}`);
      request.on('error', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the handler is now waiting on the lock
      request.destroy(); // the client hangs up
      const closed = closing.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      await holder;
      await closed;
    } finally {
      release();
      spy.mockRestore();
    }
    expect(errors).toEqual([]);
  });
});
