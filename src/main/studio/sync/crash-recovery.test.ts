import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostSnapshot, PostStatus } from '@shared/domain/posts/post';
import type { ProfileDraft, ProfileSnapshot } from '@shared/domain/profile/profile';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import { draft } from '../test/drafts';
import { signUpOnServer, type TestCreator } from '../test/server-accounts';
import { ServerProcess } from '../test/server-process';
import { openTestStudio, waitFor, type TestStudio } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';

const ROUNDS = 20;
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

// Spread from "at once" to "about when the server answers", so some kills land before the commit and some after.
const KILL_DELAYS_MS = [0, 5, 10, 20, 30, 45, 60, 80, 100, 150];
let duplicates = 0;

let killNextPush: { delayMs: number; killed: Promise<'in-flight' | 'answered'> } | null = null;
let resolveKill: (outcome: 'in-flight' | 'answered') => void = () => undefined;

/** The real fetch; when armed, SIGKILLs the server a few ms after a push request has been sent. */
const fetchWithCrash: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const request = globalThis.fetch(input, init);
  if (url.includes('/trpc/sync.push')) {
    // Count the retries the server recognised: the kill came after it had committed the batch.
    void request
      .then((response) => response.clone().text())
      .then((text) => (duplicates += text.split('"status":"duplicate"').length - 1))
      .catch(() => undefined);
  }
  const armed = killNextPush;
  if (armed && url.includes('/trpc/sync.push')) {
    killNextPush = null;
    let answered = false;
    request.then(
      () => (answered = true),
      () => undefined,
    );
    setTimeout(() => {
      void server.kill('SIGKILL').then(() => resolveKill(answered ? 'answered' : 'in-flight'));
    }, armed.delayMs);
  }
  return request;
};

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
    const outcomes: string[] = [];
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const killed = new Promise<'in-flight' | 'answered'>((resolve) => (resolveKill = resolve));
      killNextPush = { delayMs: KILL_DELAYS_MS[round % KILL_DELAYS_MS.length]!, killed };

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

      outcomes.push(await killed);
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
    }
    console.log(
      `kill outcomes over ${ROUNDS} rounds:`,
      countBy(outcomes),
      `duplicate results: ${duplicates}`,
    );

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

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
