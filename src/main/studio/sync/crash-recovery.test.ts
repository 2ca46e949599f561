import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostSnapshot, PostStatus } from '@shared/domain/posts/post';
import type { ProfileDraft, ProfileSnapshot } from '@shared/domain/profile/profile';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import { draft } from '../test/drafts';
import { signUpOnServer, type TestCreator } from '../test/server-accounts';
import { ServerProcess } from '../test/server-process';
import { openTestStudio, waitFor, type TestStudio } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';

// PGlite by default; TEST_DATABASE_URL runs the same test against PostgreSQL.
const databaseUrl = process.env.TEST_DATABASE_URL;
const serverDir = tempDir('mesi-studio-crash-server-');
const studioDir = tempDir('mesi-studio-crash-');
const server = new ServerProcess({ dataDir: serverDir.path, databaseUrl });

/** What the server must hold at the end: the model of every edit made in the studio. */
interface Expected {
  title: string;
  status: PostStatus;
  version: number;
  deleted: boolean;
}

/**
 * Where a round's kill lands, relative to the first push request of its burst of edits that carries the
 * round's entity kind:
 * - `mid-request`: while the request's body is still on its way, so the server cannot have committed it;
 * - a number of ms after the request was sent: anywhere from before the commit to after the answer, as it falls;
 * - `answer-lost`: once the server answered (so it committed), before the studio reads the answer, which it
 *   never gets: it must send the batch again, and the server must recognise it;
 * - `after-answer`: once the studio has the answer.
 * The named points make every outcome happen whatever the machine's speed; the timed ones explore between.
 */
type KillPoint = 'mid-request' | 'answer-lost' | 'after-answer' | number;
const KILL_POINTS: readonly KillPoint[] = [
  'mid-request',
  0,
  10,
  'answer-lost',
  30,
  60,
  'after-answer',
  100,
  150,
  'answer-lost',
];

/**
 * What the studio lived through: the kill came before the server answered, after the server answered but before
 * the studio had the answer, or after the studio had it.
 */
type KillOutcome = 'in flight' | 'answer lost' | 'after the answer';
/** The kinds the outbox syncs here; each round's kill hits a batch carrying one of them. */
const KINDS = ['post', 'profile'] as const;
type Kind = (typeof KINDS)[number];
/** Every kill point on each kind: 20 rounds. */
const ROUNDS = KILL_POINTS.length * KINDS.length;

const EXPECTED_OUTCOME = {
  'mid-request': 'in flight',
  'answer-lost': 'answer lost',
  'after-answer': 'after the answer',
} as const satisfies Record<Exclude<KillPoint, number>, KillOutcome>;

let duplicates = 0;
interface Kill {
  at: KillPoint;
  outcome: KillOutcome;
  /** The entity kinds in the batch the kill interrupted. */
  kinds: Kind[];
}
let armed: { at: KillPoint; kind: Kind; report: (kill: Kill) => void } | null = null;

/** The entity kinds a push request's body carries (plain JSON: `{"0":{"mutations":[{"entity":…}]}}`). */
function kindsIn(body: string): Kind[] {
  const kinds = new Set([...body.matchAll(/"entity":"(\w+)"/g)].map((m) => m[1]));
  return KINDS.filter((kind) => kinds.has(kind));
}

/**
 * The real fetch; when armed, SIGKILLs the server at the armed point of the next push request carrying the
 * armed kind (a burst's edits may reach the server in more than one batch, so the kill picks its batch).
 */
const fetchWithCrash: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.includes('/trpc/sync.push')) return globalThis.fetch(input, init);
  const kinds = kindsIn(String(init?.body ?? ''));
  const kill = armed?.kind && kinds.includes(armed.kind) ? armed : null;
  if (kill) armed = null;
  const request = kill
    ? pushAndKill(kill.at, (outcome) => kill.report({ at: kill.at, outcome, kinds }), input, init)
    : globalThis.fetch(input, init);
  // Count the retries the server recognised: a kill came after it had committed the batch.
  void request
    .then((response) => response.clone().text())
    .then((text) => (duplicates += text.split('"status":"duplicate"').length - 1))
    .catch(() => undefined);
  return request;
};

async function pushAndKill(
  at: KillPoint,
  report: (outcome: KillOutcome) => void,
  input: Parameters<typeof fetch>[0],
  init: Parameters<typeof fetch>[1],
): Promise<Response> {
  let answered = false;
  let handedOver = false;
  const kill = async () => {
    await server.kill('SIGKILL');
    report(handedOver ? 'after the answer' : answered ? 'answer lost' : 'in flight');
  };
  if (at === 'mid-request') {
    const { body, started } = halfSentBody(String(init?.body ?? ''));
    const request = globalThis.fetch(input, { ...init, body, duplex: 'half' } as RequestInit);
    request.then(
      () => (answered = true),
      () => undefined,
    );
    await started;
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the first half reach the server
    await kill();
    return request;
  }
  const request = globalThis.fetch(input, init);
  request.then(
    () => (answered = true),
    () => undefined,
  );
  if (typeof at === 'number') {
    setTimeout(() => void kill(), at);
    return request.then((response) => ((handedOver = true), response));
  }
  if (at === 'answer-lost') {
    try {
      await (await request).arrayBuffer();
    } finally {
      await kill();
    }
    throw new TypeError('fetch failed: the server was killed before the studio read its answer');
  }
  const response = await request;
  const answer = await response.text();
  handedOver = true;
  void kill();
  return new Response(answer, response);
}

/** A request body that sends its first half, then nothing more: the request stays in flight until it fails. */
function halfSentBody(text: string): { body: ReadableStream<Uint8Array>; started: Promise<void> } {
  let bodyStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (bodyStarted = resolve));
  const half = new TextEncoder().encode(text.slice(0, Math.floor(text.length / 2)));
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(half),
    // Asked for more once the first half was taken: the rest never comes.
    pull: () => {
      bodyStarted();
      return new Promise<void>(() => undefined);
    },
  });
  return { body, started };
}

let t: TestStudio;
let creator: TestCreator;

beforeAll(async () => {
  await server.start();
  creator = await signUpOnServer(server.url);
  t = await openTestStudio(studioDir.path, { fetch: fetchWithCrash });
  await t.api.accounts.signIn({ serverUrl: server.url, email: creator.email, password: creator.password });
});
afterAll(async () => {
  await t?.studio.close();
  await server.kill();
  serverDir.remove();
  studioDir.remove();
});

describe('a server killed in the middle of a push, posts and the profile', () => {
  it(`loses nothing and duplicates nothing over ${ROUNDS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const expected = new Map<string, Expected>();
    const kills: (Kill & { duplicates: number })[] = [];
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const at = KILL_POINTS[round % KILL_POINTS.length]!;
      // Every kill point once on a batch carrying posts, then once on a batch carrying the profile.
      const kind = KINDS[Math.floor(round / KILL_POINTS.length) % KINDS.length]!;
      const duplicatesBefore = duplicates;
      const killed = new Promise<Kill>((resolve) => (armed = { at, kind, report: resolve }));

      // A burst of edits: they reach the server as one batch, which the kill interrupts.
      for (let i = 0; i < 2; i++) {
        const post = await t.posts.create({ draft: draft(`Post ${++n}`) });
        expected.set(post.id, { title: `Post ${n}`, status: 'draft', version: 1, deleted: false });
      }
      const alive = [...expected.entries()].filter(([, e]) => !e.deleted);
      const [editId, edit] = alive[round % alive.length]!;
      await t.posts.update({ id: editId, draft: draft(`${edit.title} (edited in round ${round})`) });
      edit.title = `${edit.title} (edited in round ${round})`;
      edit.version += 1;
      const [flipId, flip] = alive[(round * 3) % alive.length]!;
      if (flip.status === 'draft') await t.posts.publish({ id: flipId });
      else await t.posts.unpublish({ id: flipId });
      flip.status = flip.status === 'draft' ? 'published' : 'draft';
      flip.version += 1;
      // The profile too: a second kind through the same outbox, the same kills.
      await t.profile.update({ draft: profileDraft(round) });
      if (round % 4 === 3) {
        const [goneId, gone] = alive[(round * 5 + 1) % alive.length]!;
        await t.posts.delete({ id: goneId });
        gone.deleted = true;
      }

      const kill = await within(60_000, killed, `no push carrying a ${kind} was killed in round ${round}`);
      await server.start();
      await waitFor(
        `round ${round} synced`,
        async () => {
          const state = t.studio.state().sync;
          const posts = await t.posts.list();
          const profile = await t.profile.get();
          return (
            state.pending === 0 &&
            state.state === 'online' &&
            posts.every((p) => p.syncState === 'synced') &&
            profile.syncState === 'synced'
          );
        },
        60_000,
      );
      kills.push({ ...kill, duplicates: duplicates - duplicatesBefore });
    }
    console.log(
      `kill outcomes over ${ROUNDS} rounds:`,
      Object.fromEntries(KINDS.map((kind) => [kind, countBy(outcomesOf(kills, kind))])),
      `duplicate results: ${duplicates}`,
    );

    // Each named kill point landed where it was meant to (its outcome does not depend on timing)...
    for (const { at, outcome } of kills) {
      if (typeof at === 'string') expect({ at, outcome }).toEqual({ at, outcome: EXPECTED_OUTCOME[at] });
    }
    // ...so for each kind, some batches carrying it were killed in flight, some after the server answered
    // (the answer lost on the way), and some after the studio had the answer.
    for (const kind of KINDS) {
      expect({ kind, outcomes: [...new Set(outcomesOf(kills, kind))].sort() }).toEqual({
        kind,
        outcomes: ['after the answer', 'answer lost', 'in flight'],
      });
    }
    // A half-sent batch was never committed; an answer the studio never read was, and its retry was recognised.
    for (const { at, kinds, duplicates } of kills) {
      if (at === 'mid-request') expect({ at, kinds, duplicates }).toEqual({ at, kinds, duplicates: 0 });
      if (at === 'answer-lost') expect(duplicates, `${at} (${kinds.join(', ')})`).toBeGreaterThan(0);
    }

    // The server holds exactly the expected posts, at the expected versions.
    const onServer = await creator.api.posts.mine.query();
    const alive = [...expected.entries()].filter(([, e]) => !e.deleted);
    expect(onServer.map((p) => p.id).sort()).toEqual(alive.map(([id]) => id).sort());
    for (const post of onServer) {
      const e = expected.get(post.id)!;
      expect({ title: post.title, status: post.status, version: post.version }).toEqual({
        title: e.title,
        status: e.status,
        version: e.version,
      });
    }

    // The change feed has each version of each post once, and nothing twice.
    const feed = await pullAll();
    expect(new Set(feed.map((c) => c.seq)).size).toBe(feed.length);
    for (const [id, e] of expected) {
      const versions = feed
        .filter((c) => c.entity === 'post' && c.id === id && c.op === 'upsert')
        .map((c) => (c.data as PostSnapshot).version);
      const finalVersion = e.deleted ? versions.length : e.version;
      expect(versions).toEqual(Array.from({ length: finalVersion }, (_, i) => i + 1));
      expect(feed.filter((c) => c.id === id && c.op === 'delete')).toHaveLength(e.deleted ? 1 : 0);
    }

    // The profile holds the last round's edit at exactly one version per round, each in the feed once.
    const profile = await creator.api.profiles.mine.query();
    expect(profile).toMatchObject({ ...profileDraft(ROUNDS - 1), version: ROUNDS });
    const profileVersions = feed
      .filter((c) => c.entity === 'profile')
      .map((c) => (c.data as ProfileSnapshot).version);
    expect(profileVersions).toEqual(Array.from({ length: ROUNDS }, (_, i) => i + 1));
    expect(await t.profile.get()).toMatchObject({
      ...profileDraft(ROUNDS - 1),
      version: ROUNDS,
      syncState: 'synced',
    });

    // The studio agrees with the server and has nothing left to send.
    expect(t.studio.state().sync.pending).toBe(0);
    const local = await t.posts.list();
    expect(local.map((p) => [p.id, p.title, p.status, p.version]).sort()).toEqual(
      onServer.map((p) => [p.id, p.title, p.status, p.version]).sort(),
    );
  });
});

async function pullAll(): Promise<Change[]> {
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const page = decodePullPage(await creator.api.sync.pull.query({ after, limit: 5000 }));
    changes.push(...page.changes);
    after = page.cursor;
    if (!page.hasMore) return changes;
  }
}

function profileDraft(round: number): ProfileDraft {
  return {
    displayName: `Creator, round ${round}`,
    bio: `Bio written in round ${round}.`,
    links: [{ label: `Round ${round}`, url: `https://example.test/${round}` }],
    accentColor: `#${(0x102030 + round).toString(16)}`,
  };
}

/** `promise`, or a failure saying `what` did not happen within `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The outcomes of the kills that interrupted a batch carrying `kind`. */
function outcomesOf(kills: readonly Kill[], kind: Kind): KillOutcome[] {
  return kills.filter((k) => k.kinds.includes(kind)).map((k) => k.outcome);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
