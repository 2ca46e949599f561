/**
 * Vault search: 100,000 items (titles, tags, notes and file names drawn from a creator's kind of words) in an
 * account's database, then `VaultLibrary.list` as the vault screen calls it (a page of 50 with tags, jobs and
 * thumbnails looked up) for a mix of single words, prefixes, two words, a tag filter, and a tag with a word.
 * Goal: p95 ≤ 10 ms. Run alone: `npx tsx bench/vault-search.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/studio/db/connection';
import { openVault } from '../src/main/studio/vault/vault-feature';
import type { VaultItemRow } from '../src/main/studio/vault/vault-item';
import { ms } from './support/stats';

const ITEMS = 100_000;
const ROUNDS = 40;

const ACCOUNT = {
  id: '0190a6c2-7c1e-7000-8000-0000000000b1',
  serverUrl: 'http://127.0.0.1:9',
  email: 'bench@example.com',
  handle: 'bench',
  displayName: 'Bench',
  role: 'creator' as const,
};

const SUBJECTS = (
  'beach sunset morning studio session backstage workout yoga coffee kitchen garden forest mountain lake city ' +
  'night rooftop balcony mirror bedroom bathroom pool ocean river desert snow autumn spring summer winter rain ' +
  'portrait closeup outfit lingerie dress jeans boots sneakers hat glasses makeup hair tattoo piercing dance ' +
  'concert guitar piano vocals podcast interview tutorial review unboxing haul vlog diary travel roadtrip ' +
  'paris tokyo berlin lisbon nice rome barcelona london newyork miami bali iceland café crème été noël'
).split(' ');
const ADJECTIVES = (
  'golden quiet lazy rainy sunny cozy wild slow early late first last new old secret private special ' +
  'exclusive behind candid raw soft bold blue red black white green pink vintage retro'
).split(' ');
const TAGS = (
  'bts exclusive ppv free teaser fullset photoset video audio travel fitness fashion beauty music food ' +
  'cosplay outdoor indoor studio selfie pro raw edit draft collab fanrequest birthday holiday christmas ' +
  'summer winter beach city nature night golden-hour bw color 4k vertical horizontal portrait landscape'
).split(' ');
const NOTE_WORDS = (
  'shot with the new lens light was perfect for about twenty minutes before the clouds came in remember ' +
  'to blur the tattoo on the left arm fans asked for more of this set use as teaser for the weekend drop ' +
  'edit the colours warmer crop for vertical'
).split(' ');

/** A deterministic pseudo-random source (mulberry32): the same vault on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `ITEMS` items through `VaultTable` in one transaction (no files: search never reads them). */
export function seedVault(library: ReturnType<typeof openVault>, db: ReturnType<typeof openDatabase>): void {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const start = Date.parse('2023-01-01T00:00:00.000Z');
  db.transaction(() => {
    for (let i = 0; i < ITEMS; i += 1) {
      const kindDraw = next();
      const kind = kindDraw < 0.6 ? 'photo' : kindDraw < 0.95 ? 'video' : 'audio';
      const at = new Date(start + i * 900_000 + Math.floor(next() * 1000)).toISOString();
      const id = `0190a6c2-${(i >>> 16).toString(16).padStart(4, '0')}-7000-8000-${i.toString(16).padStart(12, '0')}`;
      const title = `${pick(ADJECTIVES)} ${pick(SUBJECTS)}${next() < 0.5 ? ` ${pick(SUBJECTS)}` : ''} ${
        next() < 0.3 ? `part ${1 + Math.floor(next() * 9)}` : ''
      }`.trim();
      const notes =
        next() < 0.4
          ? Array.from({ length: 3 + Math.floor(next() * 25) }, () => pick(NOTE_WORDS)).join(' ')
          : '';
      const tags = [...new Set(Array.from({ length: Math.floor(next() * 6) }, () => pick(TAGS)))];
      const extension = kind === 'photo' ? 'jpg' : kind === 'video' ? 'mp4' : 'm4a';
      const row: VaultItemRow = {
        id,
        kind,
        sha256: i.toString(16).padStart(64, '0'),
        original_name: `${kind === 'photo' ? 'IMG' : kind === 'video' ? 'VID' : 'REC'}_${20230101 + (i % 365)}_${i}.${extension}`,
        original_path: `originals/${i.toString(16).padStart(64, '0')}.${extension}`,
        bytes: 1 + Math.floor(next() * 50_000_000),
        mime: kind === 'photo' ? 'image/jpeg' : kind === 'video' ? 'video/mp4' : 'audio/mp4',
        title,
        notes,
        duration_ms: kind === 'photo' ? null : Math.floor(next() * 600_000),
        width: kind === 'audio' ? null : 1920,
        height: kind === 'audio' ? null : 1080,
        video_codec: kind === 'video' ? 'h264' : null,
        audio_codec: kind === 'photo' ? null : 'aac',
        watermark: 0,
        server_status: null,
        server_failure: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      };
      library.table.insert(row, tags);
    }
  })();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchVaultSearch(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-vault-'));
  try {
    const db = openDatabase(join(dir, 'accounts', `${ACCOUNT.id}.sqlite`));
    const vault = openVault({
      db,
      account: ACCOUNT,
      folder: join(dir, 'accounts', ACCOUNT.id),
      changed: () => {},
    });
    const seedStarted = performance.now();
    seedVault(vault, db);
    const seedMs = performance.now() - seedStarted;

    const queries: Record<string, readonly Parameters<typeof vault.library.list>[0][]> = {
      'single word': ['beach', 'sunset', 'tokyo', 'lens', 'cafe', 'golden', 'tattoo', 'IMG'].map((query) => ({
        query: `${query} `,
      })),
      prefix: ['be', 'sun', 'tok', 'mor', 'po', 'gold', 'ex', 'vi'].map((query) => ({ query })),
      'two words': [
        'golden beach',
        'cozy bedroom',
        'rainy city',
        'secret studio',
        'new lens',
        'paris night',
      ].map((query) => ({ query })),
      tag: ['bts', 'exclusive', 'beach', 'golden-hour', 'collab'].map((tag) => ({ tag })),
      'tag + word': [
        { tag: 'bts', query: 'studio' },
        { tag: 'travel', query: 'paris' },
        { tag: 'summer', query: 'be' },
      ],
    };
    // Warm the statements and the page cache once, as a screen that has been open a while.
    for (const list of Object.values(queries)) for (const input of list) await vault.library.list(input);

    const results: Record<string, string> = {
      'vault search: items': ITEMS.toLocaleString('en-US'),
      'vault search: seed (one transaction)': ms(seedMs),
    };
    const all: number[] = [];
    let matched = 0;
    for (const [name, list] of Object.entries(queries)) {
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const input of list) {
          const started = performance.now();
          const page = await vault.library.list(input);
          times.push(performance.now() - started);
          matched += page.items.length;
        }
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      results[`vault search: ${name} p50 / p95`] =
        `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`;
    }
    all.sort((a, b) => a - b);
    results['vault search: all p50 / p95 (goal p95 ≤ 10 ms)'] =
      `${ms(percentile(all, 50))} / ${ms(percentile(all, 95))}`;
    if (matched === 0) throw new Error('vault search bench: no query matched anything');
    await vault.close();
    db.close();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchVaultSearch());
