import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server';

// A stand-in for the built fan app: its page with the head markers the server fills in.
const APP_PAGE =
  '<!doctype html><html><head><!--page-head--><title>Mesi</title><!--/page-head--></head>' +
  '<body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>';

let server: TestServer;
let webDist: string;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(os.tmpdir(), 'mesi-web-app-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), APP_PAGE);
  await writeFile(path.join(webDist, 'assets', 'app.js'), '');
  server = await startTestServer({ webDistDir: webDist });
});
afterAll(async () => {
  await server.close();
  await rm(webDist, { recursive: true, force: true });
});

async function page(route: string, method: 'GET' | 'HEAD' = 'GET') {
  const response = await fetch(`${server.url}${route}`, { method });
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
}

describe('unknown pages', () => {
  it('answers /c/, /nope and any unknown path with 404 and the app, titled "Page not found"', async () => {
    for (const route of ['/c/', '/c', '/nope', '/c/ana/posts', '/SIGNIN', '/signin/extra']) {
      const answer = await page(route);
      expect(answer.status, route).toBe(404);
      expect(answer.type, route).toContain('text/html');
      // The app's own page (its header, its not-found view and a way home come with it), not a bare text.
      expect(answer.html, route).toContain('<script type="module" src="/assets/app.js">');
      expect(answer.html, route).toContain('<title>Page not found · Mesi</title>');
      expect(answer.html, route).toContain('<meta name="robots" content="noindex" />');
    }
  });

  it('answers a handle nobody has with 404 and the app, titled "Creator not found"', async () => {
    for (const route of ['/c/UNKNOWN', '/c/unknown', '/c/@nobody_here', '/c/no', '/c/not-a-handle']) {
      const answer = await page(route);
      expect(answer.status, route).toBe(404);
      expect(answer.html, route).toContain('<script type="module" src="/assets/app.js">');
      expect(answer.html, route).toContain('<title>Creator not found · Mesi</title>');
      expect(answer.html, route).toContain('<meta name="robots" content="noindex" />');
    }
  });

  it('answers HEAD for an unknown page with 404 too', async () => {
    expect((await page('/nope', 'HEAD')).status).toBe(404);
    expect((await page('/c/UNKNOWN', 'HEAD')).status).toBe(404);
  });

  it('keeps the 404 status before the app is built, with the page that says how to build it', async () => {
    const bare = await startTestServer({ webDistDir: path.join(webDist, 'not-built') });
    try {
      const missing = await fetch(`${bare.url}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('npm run build:web');
      expect((await fetch(`${bare.url}/c/UNKNOWN`)).status).toBe(404);
      expect((await fetch(`${bare.url}/`)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe("the app's own pages", () => {
  it('answers its pages with 200 and their titles', async () => {
    const titles: Record<string, string> = {
      '/': '<title>Mesi</title>',
      '/signin': '<title>Sign in · Mesi</title>',
      '/signup': '<title>Sign up · Mesi</title>',
      '/welcome': '<title>Welcome · Mesi</title>',
      '/forgot-password': '<title>Forgot password · Mesi</title>',
      '/reset-password': '<title>Choose a new password · Mesi</title>',
      '/subscriptions': '<title>My subscriptions · Mesi</title>',
      '/receipts': '<title>Receipts · Mesi</title>',
    };
    for (const [route, title] of Object.entries(titles)) {
      const answer = await page(route);
      expect(answer.status, route).toBe(200);
      expect(answer.html, route).toContain(title);
    }
    // The welcome page shows a signed-in creator their own details: search engines keep out.
    expect((await page('/welcome')).html).toContain('<meta name="robots" content="noindex" />');
    expect((await page('/subscriptions')).html).toContain('<meta name="robots" content="noindex" />');
    expect((await page('/receipts')).html).toContain('<meta name="robots" content="noindex" />');
    expect((await page('/signup')).html).not.toContain('noindex');
  });

  it('answers the password-reset pages, kept out of search engines, and only at their exact paths', async () => {
    for (const route of ['/forgot-password', '/reset-password']) {
      expect((await page(route)).html, route).toContain('<meta name="robots" content="noindex" />');
    }
    for (const route of [
      '/Forgot-Password',
      '/RESET-PASSWORD',
      '/reset-password/abc',
      '/forgot-password/x',
    ]) {
      expect((await page(route)).status, route).toBe(404);
    }
  });
});
