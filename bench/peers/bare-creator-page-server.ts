/**
 * The side-by-side peer of the server's `creators.page` read path: a bare `node:http` server (no tRPC, no
 * Kysely, no superjson) that runs the same two SQL reads with `pg` on the same PostgreSQL database (the
 * creator's account joined with their profile, then the page of posts), evaluates each post's access rule for
 * an anonymous viewer with the same pure functions, and answers plain JSON with the creator's profile.
 * Comparing its requests/s with the real server's shows what the framework layers cost on this path.
 * A child process (see `startBareCreatorPage` in ./bare-creator-page.ts): listens on a free port, prints one
 * JSON line `{"url":"http://127.0.0.1:<port>"}`, answers `GET /page?handle=<handle>`, stops on SIGTERM.
 * Needs DATABASE_URL (a database the real server has already migrated and seeded).
 */
import { createServer, type ServerResponse } from 'node:http';
import pg from 'pg';
import { describeRule } from '@shared/domain/access/describe';
import { evaluate } from '@shared/domain/access/evaluate';
import type { AccessFacts, AccessRule } from '@shared/domain/access/rule';
import { DEFAULT_ACCENT_COLOR, type ProfileLink } from '@shared/domain/profile/profile';

const LIMIT = 20; // the default page size of `creators.page`

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must name the PostgreSQL database to read');
// No type parsers needed: no int8 column is read; timestamptz comes back as Date and jsonb parsed, as in the server.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

interface CreatorRow {
  id: string;
  handle: string;
  display_name: string;
  bio: string | null;
  links: ProfileLink[] | null;
  accent_color: string | null;
}

interface PostRow {
  id: string;
  title: string;
  body: string;
  access_rule: AccessRule;
  published_at: Date;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function page(handle: string) {
  // The server's read: the account with its profile row, when there is one (ProfileRepository.findByHandle).
  const creators = await pool.query<CreatorRow>(
    `SELECT a.id, a.handle, a.display_name, p.bio, p.links, p.accent_color, p.version, p.updated_at
     FROM accounts a LEFT JOIN creator_profiles p ON p.account_id = a.id
     WHERE a.role = 'creator' AND a.handle = $1`,
    [handle.toLowerCase()], // as the real procedure does: handles are stored in lower case
  );
  const creator = creators.rows[0];
  if (!creator) return null;
  const { rows } = await pool.query<PostRow>(
    `SELECT id, title, body, access_rule, published_at FROM posts
     WHERE creator_id = $1 AND status = 'published' AND deleted_at IS NULL AND published_at IS NOT NULL
     ORDER BY published_at DESC, id DESC LIMIT ${LIMIT + 1}`,
    [creator.id],
  );
  const anonymous: AccessFacts = {
    now: new Date(),
    isOwner: false,
    isFollower: false,
    subscription: null,
    tierRanks: new Map(),
    purchasedItemIds: new Set(),
    tips: [],
    holdings: new Map(),
  };
  const posts = rows.slice(0, LIMIT).map(({ id, title, body, access_rule: rule, published_at }) => {
    const publishedAt = published_at.toISOString();
    return evaluate(rule, anonymous)
      ? { id, title, publishedAt, access: 'open' as const, body }
      : { id, title, publishedAt, access: 'locked' as const, unlockHint: describeRule(rule) };
  });
  const last = posts.at(-1);
  return {
    creator: {
      id: creator.id,
      handle: creator.handle,
      displayName: creator.display_name,
      bio: creator.bio ?? '',
      links: creator.links ?? [],
      accentColor: creator.accent_color ?? DEFAULT_ACCENT_COLOR,
    },
    posts,
    nextCursor: rows.length > LIMIT && last ? `${last.publishedAt}~${last.id}` : null,
  };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const handle = url.searchParams.get('handle');
  if (req.method !== 'GET' || url.pathname !== '/page' || !handle)
    return send(res, 404, { error: 'not found' });
  page(handle).then(
    (body) => (body ? send(res, 200, body) : send(res, 404, { error: `No creator @${handle}` })),
    (error: Error) => send(res, 500, { error: error.message }),
  );
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
process.on('SIGTERM', () => {
  server.closeAllConnections(); // load generators keep connections alive
  server.close(() => void pool.end().then(() => process.exit(0)));
});
