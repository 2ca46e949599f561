import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { MediaKind } from '@shared/domain/media/media';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { tempDir } from '../test/temp-dir';
import { openVault, type VaultFeature } from './vault-feature';
import type { VaultItemRow } from './vault-item';
import { ftsMatchOf } from './vault-search-query';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cc',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'Mara',
  role: 'creator' as const,
};

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let vault: VaultFeature;
let clock = 0;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  vault = openVault({
    db,
    account: ACCOUNT,
    folder: join(dir.path, 'account'),
    changed: () => {},
    // Nothing here is probed: items are written as an import would leave them.
    encoder: {
      media: { probe: () => Promise.reject(new Error('not used')) },
      photos: { probe: () => Promise.reject(new Error('not used')) },
    },
  });
  clock = Date.parse('2026-03-01T10:00:00.000Z');
});
afterEach(async () => {
  await vault.close();
  db.close();
  dir.remove();
});

/** An item as an import writes it, one second after the previous one unless `at` says otherwise. */
function item(
  title: string,
  extra: { kind?: MediaKind; notes?: string; tags?: string[]; name?: string; at?: string } = {},
): string {
  clock += 1000;
  const at = extra.at ?? new Date(clock).toISOString();
  const id = newId();
  const row: VaultItemRow = {
    id,
    kind: extra.kind ?? 'photo',
    sha256: id.replaceAll('-', '').padEnd(64, '0'),
    original_name: extra.name ?? `${title}.jpg`,
    original_path: `originals/${id}.jpg`,
    bytes: 1000,
    mime: 'image/jpeg',
    title,
    notes: extra.notes ?? '',
    duration_ms: null,
    width: 10,
    height: 10,
    video_codec: null,
    audio_codec: null,
    watermark: 0,
    server_status: null,
    server_failure: null,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  };
  db.transaction(() => vault.table.insert(row, extra.tags ?? []))();
  return id;
}

const titles = async (input: Parameters<VaultFeature['library']['list']>[0]) =>
  (await vault.library.list(input)).items.map((i) => i.title);

describe('searching the vault', () => {
  beforeEach(() => {
    item('Beach day in Nice', { tags: ['summer', 'beach'], notes: 'Golden light at the end' });
    item('Café crème', { notes: 'Morning in Paris', tags: ['été'] });
    item('Studio session', { kind: 'video', tags: ['bts'], name: 'IMG_2041.MOV' });
    item('Podcast episode 12', { kind: 'audio', notes: 'With Ana, about beaches' });
    item('Volleyball', { tags: ['beach'], name: 'IMG_0009.jpg' });
  });

  it('finds items by a word of the title, newest first', async () => {
    expect(await titles({ query: 'volleyball' })).toEqual(['Volleyball']);
    expect(await titles({ query: 'NICE' })).toEqual(['Beach day in Nice']);
  });

  it('finds items by tag, by notes and by the file name', async () => {
    expect(await titles({ query: 'summer' })).toEqual(['Beach day in Nice']);
    expect(await titles({ query: 'golden' })).toEqual(['Beach day in Nice']);
    expect(await titles({ query: 'paris' })).toEqual(['Café crème']);
    expect(await titles({ query: 'img_2041' })).toEqual(['Studio session']);
  });

  it('matches the last word as a prefix, while the creator is still typing', async () => {
    const beaches = ['Volleyball', 'Podcast episode 12', 'Beach day in Nice'];
    expect(await titles({ query: 'bea' })).toEqual(beaches);
    expect(await titles({ query: 'beach' })).toEqual(beaches);
    // A space after the word says it is complete.
    expect(await titles({ query: 'beach ' })).toEqual(['Volleyball', 'Beach day in Nice']);
    expect(await titles({ query: 'podc' })).toEqual(['Podcast episode 12']);
  });

  it('needs every word, the earlier ones whole', async () => {
    expect(await titles({ query: 'beach nice' })).toEqual(['Beach day in Nice']);
    expect(await titles({ query: 'bea nice' })).toEqual([]);
    expect(await titles({ query: 'morning paris' })).toEqual(['Café crème']);
  });

  it('folds case and diacritics both ways', async () => {
    expect(await titles({ query: 'cafe creme' })).toEqual(['Café crème']);
    expect(await titles({ query: 'CAFÉ' })).toEqual(['Café crème']);
    expect(await titles({ query: 'ete' })).toEqual(['Café crème']);
    expect(await titles({ query: 'studiô' })).toEqual(['Studio session']);
  });

  it('takes any text as words, never as FTS syntax', async () => {
    for (const query of [
      '"',
      '*',
      'OR',
      'NEAR(',
      'beach OR',
      'title:beach',
      '-beach',
      'a"b',
      '(',
      ')',
      '^',
      'AND NOT',
      '""""',
      '\\',
      "'",
      'NEAR(beach nice, 2)',
      '*beach',
    ]) {
      await expect(vault.library.list({ query }), query).resolves.toBeDefined();
    }
    // Operators are plain words: "beach OR" needs "beach" and a word starting with "or".
    expect(await titles({ query: 'beach OR' })).toEqual([]);
    expect(await titles({ query: 'title:beach' })).toEqual([]);
    expect(await titles({ query: 'NEAR(beach' })).toEqual([]);
    expect(await titles({ query: '"nice"' })).toEqual(['Beach day in Nice']);
    // Nothing searchable (punctuation alone) is no search: everything is listed.
    expect(await titles({ query: '" * (' })).toHaveLength(5);
    expect(ftsMatchOf('beach "or" NEAR(x')).toBe('"beach" """or""" "NEAR(x"*');
  });

  it('filters by kind and tag, alone or with words', async () => {
    expect(await titles({ kind: 'video' })).toEqual(['Studio session']);
    expect(await titles({ kind: 'audio', query: 'beach' })).toEqual(['Podcast episode 12']);
    expect(await titles({ tag: 'beach' })).toEqual(['Volleyball', 'Beach day in Nice']);
    expect(await titles({ tag: '#Beach' })).toEqual(['Volleyball', 'Beach day in Nice']);
    expect(await titles({ tag: 'beach', query: 'nice' })).toEqual(['Beach day in Nice']);
    expect(await titles({ tag: 'nothing' })).toEqual([]);
  });

  it('matches a tag exactly, even one whose words other items carry as separate tags', async () => {
    item('Exact', { tags: ['golden hour'] });
    item('Separate', { tags: ['golden', 'hour'] });
    item('Punctuation', { tags: ['!!!'] });
    expect(await titles({ tag: 'golden hour' })).toEqual(['Exact']);
    expect(await titles({ tag: 'golden hour', query: 'exa' })).toEqual(['Exact']);
    expect(await titles({ tag: '!!!' })).toEqual(['Punctuation']);
  });

  it('keeps an edited item in its place among the results', async () => {
    const before = await titles({ query: 'bea' });
    const [podcast] = (await vault.library.list({ query: 'podcast' })).items;
    await vault.library.update(podcast!.id, { title: 'Beach talk' });
    expect(await titles({ query: 'bea' })).toEqual(
      before.map((t) => (t === 'Podcast episode 12' ? 'Beach talk' : t)),
    );
  });

  it('filters by whether a post uses the item', async () => {
    const used = item('In a post');
    const postId = newId();
    db.prepare(
      `INSERT INTO posts (id, creator_id, title, body, access_rule, status, version, created_at, updated_at,
        sync_state) VALUES (?, ?, 'Drop', '', '{"kind":"public"}', 'draft', 0, ?, ?, 'pending')`,
    ).run(postId, ACCOUNT.id, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    db.prepare('INSERT INTO post_media (post_id, position, media_id) VALUES (?, 0, ?)').run(postId, used);

    expect(await titles({ usedIn: 'any' })).toEqual(['In a post']);
    expect(await titles({ usedIn: 'unused' })).toHaveLength(5);
    expect(await titles({ usedIn: 'unused', query: 'post' })).toEqual([]);
  });

  it('leaves deleted items out, and finds an edited item by its new words only', async () => {
    const [volleyball] = (await vault.library.list({ query: 'volleyball' })).items;
    await vault.library.update(volleyball!.id, { title: 'Sand court', tags: ['sport'] });
    expect(await titles({ query: 'volleyball' })).toEqual([]);
    expect(await titles({ query: 'court' })).toEqual(['Sand court']);
    expect(await titles({ tag: 'beach' })).toEqual(['Beach day in Nice']);

    vault.library.delete(volleyball!.id);
    expect(await titles({ query: 'court' })).toEqual([]);
    expect(vault.library.tags()).toEqual([
      { tag: 'beach', count: 1 },
      { tag: 'bts', count: 1 },
      { tag: 'summer', count: 1 },
      { tag: 'été', count: 1 },
    ]);
  });
});

describe('pages', () => {
  it('walks every item once, newest first, ties in creation time broken by id', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(item(`Photo ${i}`));
    // Five imported in the same millisecond.
    for (let i = 0; i < 5; i += 1) ids.push(item(`Burst ${i}`, { at: '2027-01-01T00:00:00.000Z' }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await vault.library.list({ limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(4);
    expect(seen).toEqual([...ids.slice(12).reverse(), ...ids.slice(0, 12).reverse()]);
  });

  it('pages through a search and a filter the same way', async () => {
    for (let i = 0; i < 7; i += 1) item(`Beach ${i}`, { tags: ['sea'] });
    item('Mountain');
    const first = await vault.library.list({ query: 'beach', tag: 'sea', limit: 4 });
    const second = await vault.library.list({
      query: 'beach',
      tag: 'sea',
      limit: 4,
      cursor: first.nextCursor!,
    });
    expect(first.items.map((i) => i.title)).toEqual(['Beach 6', 'Beach 5', 'Beach 4', 'Beach 3']);
    expect(second.items.map((i) => i.title)).toEqual(['Beach 2', 'Beach 1', 'Beach 0']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give', async () => {
    for (const cursor of [
      'nope',
      Buffer.from("2026-01-01T00:00:00.000Z|x' OR 1=1").toString('base64url'),
      '',
    ]) {
      await expect(vault.library.list({ cursor })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(vault.library.list({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    // A search page's cursor is a place in the search's order: a list by time refuses it, and vice versa.
    for (let i = 0; i < 3; i += 1) item(`Beach ${i}`);
    const searched = await vault.library.list({ query: 'beach', limit: 1 });
    const listed = await vault.library.list({ limit: 1 });
    await expect(vault.library.list({ cursor: searched.nextCursor! })).rejects.toThrow(/another search/);
    await expect(vault.library.list({ query: 'beach', cursor: listed.nextCursor! })).rejects.toThrow(
      /another search/,
    );
    await expect(vault.library.list({ limit: 201 })).rejects.toBeInstanceOf(ValidationError);
  });
});
