import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebApp } from '../../http/web-app';
import { startTestServer, type TestServer } from '../../test/test-server';
import { person, streamDraft, ticketedDraft, type Person } from './streams/test/live-fixtures';
import { watchHeadsIn, watchPageRoutes } from './watch-page-routes';

// A stand-in for the built fan app: its page with the head markers the server fills in.
const APP_PAGE =
  '<!doctype html><html><head><!--page-head--><title>Mesi</title><!--/page-head--></head>' +
  '<body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>';

let server: TestServer;
let pages: FastifyInstance;
let pagesUrl: string;
let webDist: string;
let ana: Person;
let bo: Person;

// The routes on a Fastify of their own, as the server registers every feature's routes (in a scope, with the
// fan app to answer with), over the test server's real database and streams.
beforeAll(async () => {
  server = await startTestServer();
  webDist = await mkdtemp(path.join(os.tmpdir(), 'mesi-watch-page-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), APP_PAGE);
  pages = Fastify();
  const webApp = new WebApp(webDist, () => pagesUrl);
  await pages.register(async (scope) => watchPageRoutes(watchHeadsIn(server.db))(scope, { webApp }));
  pagesUrl = await pages.listen({ host: '127.0.0.1', port: 0 });
  ana = await person(server, 'creator');
  bo = await person(server, 'creator');
});
afterAll(async () => {
  await pages.close();
  await server.close();
  await rm(webDist, { recursive: true, force: true });
});

async function page(route: string) {
  const response = await fetch(`${pagesUrl}${route}`);
  return { status: response.status, html: await response.text() };
}

const watchRoute = (handle: string | null, streamId: string) => `/c/${handle ?? ''}/live/${streamId}`;

describe('the watch page', () => {
  it("answers a stream's page with the app, titled by the stream and its creator", async () => {
    const stream = await ana.client.live.create.mutate({ draft: streamDraft({ title: 'Kiln opening' }) });
    await server.db
      .updateTable('live_streams')
      .set({ status: 'live', started_at: new Date(), publishing: true })
      .where('id', '=', stream.id)
      .execute();
    const answer = await page(watchRoute(ana.handle, stream.id));
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<script type="module" src="/assets/app.js">');
    const name = ana.account.displayName;
    expect(answer.html).toContain(`<title>Kiln opening · ${name} · Mesi</title>`);
    expect(answer.html).toContain(`<meta property="og:title" content="Kiln opening · ${name}" />`);
    expect(answer.html).toContain(`is live on Mesi now: Kiln opening`);
    expect(answer.html).toContain(
      `<link rel="canonical" href="${pagesUrl}/c/${ana.handle}/live/${stream.id}" />`,
    );
    expect(answer.html).not.toContain('noindex');
  });

  it('finds the page whatever the case of the handle and the id, naming the one address in its canonical link', async () => {
    const stream = await ana.client.live.create.mutate({ draft: streamDraft() });
    const answer = await page(watchRoute(`@${ana.handle?.toUpperCase()}`, stream.id.toUpperCase()));
    expect(answer.status).toBe(200);
    expect(answer.html).toContain(`href="${pagesUrl}/c/${ana.handle}/live/${stream.id}"`);
  });

  it('says when a scheduled stream is planned', async () => {
    const stream = await ana.client.live.create.mutate({
      draft: streamDraft({ title: 'Glaze night', scheduledFor: '2026-12-24T18:30:00.000Z' }),
    });
    const answer = await page(watchRoute(ana.handle, stream.id));
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('planned for 2026-12-24 18:30 UTC: Glaze night');
  });

  it('answers a gated stream too (its page says what unlocks it), with nothing in its head but title and creator', async () => {
    const id = crypto.randomUUID();
    const stream = await ana.client.live.create.mutate({ id, draft: ticketedDraft(id, '900') });
    const answer = await page(watchRoute(ana.handle, stream.id));
    expect(answer.status).toBe(200);
    expect(answer.html).not.toContain('$9.00');
    expect(answer.html).not.toContain('purchased');
  });

  it('escapes a title written with markup', async () => {
    const stream = await ana.client.live.create.mutate({
      draft: streamDraft({ title: '<script>alert(1)</script> & "friends"' }),
    });
    const answer = await page(watchRoute(ana.handle, stream.id));
    expect(answer.html).not.toContain('<script>alert(1)');
    expect(answer.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
  });

  it('answers 404, titled "Stream not found", for a cancelled, unknown or malformed stream, or another creator’s', async () => {
    const cancelled = await ana.client.live.create.mutate({ draft: streamDraft() });
    await ana.client.live.cancel.mutate({ id: cancelled.id });
    const bos = await bo.client.live.create.mutate({ draft: streamDraft({ title: 'Bo’s stream' }) });
    const routes = [
      watchRoute(ana.handle, cancelled.id),
      watchRoute(ana.handle, crypto.randomUUID()),
      watchRoute(ana.handle, 'not-a-stream'),
      watchRoute(ana.handle, `${bos.id}x`),
      watchRoute(ana.handle, bos.id),
      watchRoute('nobody_here', bos.id),
      watchRoute('no', bos.id),
    ];
    for (const route of routes) {
      const answer = await page(route);
      expect(answer.status, route).toBe(404);
      expect(answer.html, route).toContain('<title>Stream not found · Mesi</title>');
      expect(answer.html, route).toContain('<meta name="robots" content="noindex" />');
      expect(answer.html, route).not.toContain('Bo’s stream');
    }
  });
});
