import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DEFAULT_DESCRIPTION, renderHead, SITE_NAME, type PageHead } from './page-head';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mesi</title></head>
<body><h1>Mesi server</h1><p>The fan web app is not built yet. Run <code>npm run build:web</code> and reload.</p></body>
</html>`;

// server/web/index.html marks the part of its head that each page replaces.
const HEAD_BLOCK = /<!--page-head-->[\s\S]*?<!--\/page-head-->/;
const TITLE_TAG = /<title>[\s\S]*?<\/title>/;

/** The page the fan web app answers an unknown address with (the app itself then shows its not-found view). */
export const NOT_FOUND_HEAD: PageHead = {
  title: 'Page not found',
  description: 'The address may be mistyped, or the page may have moved.',
  path: '/',
  noIndex: true,
};

/**
 * The built fan web app (server/web/dist): its assets, and its one HTML page answered for each of its routes
 * with that route's own head and status. Feature routes (a creator's page) call `sendPage` with theirs.
 */
export class WebApp {
  readonly #template: string | null;

  constructor(
    private readonly distDir: string,
    private readonly publicUrl: () => string,
  ) {
    const indexPath = path.join(distDir, 'index.html');
    this.#template = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;
  }

  /** Answers with the app's page, its head rendered for this route (or, until it is built, how to build it). */
  sendPage(reply: FastifyReply, status: number, head: PageHead): FastifyReply {
    // The status stays the route's even before the app is built: a missing page is a 404 either way.
    return reply
      .code(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(this.#template ? this.#withHead(this.#template, head) : NOT_BUILT_PAGE);
  }

  /** Registers the assets (long-lived caching: their names carry a content hash) and the app's plain pages. */
  register(app: FastifyInstance): void {
    if (this.#template) {
      void app.register(fastifyStatic, {
        root: path.join(this.distDir, 'assets'),
        prefix: '/assets/',
        index: false,
        immutable: true,
        maxAge: '365d',
        cacheControl: true,
      });
    }
    const plain: Record<string, PageHead> = {
      '/': { title: SITE_NAME, description: DEFAULT_DESCRIPTION, path: '/' },
      '/signin': { title: 'Sign in', description: DEFAULT_DESCRIPTION, path: '/signin' },
      '/signup': { title: 'Sign up', description: 'Join Mesi to follow creators.', path: '/signup' },
      // Where a new creator lands: it shows the signed-in account's own details, nothing to index.
      '/welcome': { title: 'Welcome', description: DEFAULT_DESCRIPTION, path: '/welcome', noIndex: true },
      '/forgot-password': {
        title: 'Forgot password',
        description: 'Get a link to choose a new Mesi password.',
        path: '/forgot-password',
        noIndex: true,
      },
      // A fan's own subscriptions: personal, nothing to index.
      '/subscriptions': {
        title: 'My subscriptions',
        description: DEFAULT_DESCRIPTION,
        path: '/subscriptions',
        noIndex: true,
      },
      // A fan's own payments: personal, nothing to index.
      '/receipts': { title: 'Receipts', description: DEFAULT_DESCRIPTION, path: '/receipts', noIndex: true },
      // Opened from the reset mail; the token is in the fragment, which never reaches the server.
      '/reset-password': {
        title: 'Choose a new password',
        description: DEFAULT_DESCRIPTION,
        path: '/reset-password',
        noIndex: true,
      },
    };
    for (const [route, head] of Object.entries(plain)) {
      app.get(route, (_request, reply) => this.sendPage(reply, 200, head));
    }
    app.get('/index.html', (_request, reply) => this.sendPage(reply, 200, plain['/']!));
  }

  #withHead(template: string, head: PageHead): string {
    const rendered = `<!--page-head-->\n    ${renderHead(head, this.publicUrl())}\n    <!--/page-head-->`;
    if (HEAD_BLOCK.test(template)) return template.replace(HEAD_BLOCK, () => rendered);
    if (TITLE_TAG.test(template)) return template.replace(TITLE_TAG, () => rendered);
    return template.replace('</head>', () => `${rendered}</head>`);
  }
}
