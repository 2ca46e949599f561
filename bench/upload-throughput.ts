/**
 * Upload throughput on loopback: a 1 GB file through tus (tus-js-client in this process, the server in its own,
 * processing switched off so the tus path alone is timed: receiving, writing to DATA_DIR/uploads, the magic-byte
 * check and the whole file's SHA-256 at finish). Reports MB/s, the server process's RSS growth during the upload
 * (max − baseline, sampled every 50 ms: it must stay flat, the file being streamed to disk), and the resumption
 * overhead after a cut at 50% (the same upload aborted at half, then resumed by a new Upload from its URL).
 * Goal: ≥ 200 MB/s with flat memory. The file is an MP4 header (so the magic-byte check passes) and a sparse
 * rest, made once in a temp folder. Run alone: `npx tsx bench/upload-throughput.ts` (BENCH_UPLOAD_BYTES, default
 * 1 GB, and BENCH_ROUNDS, default 3, change the size and the runs).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Upload } from 'tus-js-client';
import type { UploadServer } from './fixtures/upload-server';
import { startChild } from './support/process';

const FILE_BYTES = Number(process.env.BENCH_UPLOAD_BYTES ?? 1024 ** 3);
/** What the studio sends per PATCH. */
const CHUNK_BYTES = 64 * 1024 * 1024;
const MB = 1e6;
/** Uninterrupted and cut uploads alternate this many times; medians are reported (the machine is shared). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** An MP4 `ftyp` box (isom), then zeros: sniffed as MP4 video, sparse on disk. */
function makeFile(dir: string, name: string, bytes: number): string {
  const file = join(dir, name);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(28);
  const version = Buffer.from([0, 0, 2, 0]);
  writeFileSync(file, Buffer.concat([size, Buffer.from('ftypisom'), version, Buffer.from('isomiso2mp41')]));
  truncateSync(file, bytes);
  return file;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

interface Run {
  readonly ms: number;
  readonly rssGrowth: number;
}

/** One upload; with `cutAt`, aborted once that many bytes were sent, then resumed from its URL. */
async function upload(
  server: UploadServer,
  file: string,
  digest: string,
  cutAt: number | null,
): Promise<Run> {
  const baseline = rssBytes(server.pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(server.pid))), 50);
  const started = performance.now();
  const once = (uploadUrl: string | null, cut: number | null) =>
    new Promise<string>((resolve, reject) => {
      const tus: Upload = new Upload(createReadStream(file) as never, {
        ...(uploadUrl ? { uploadUrl } : { endpoint: `${server.url}/uploads` }),
        metadata: { mediaId: randomUUID(), kind: 'video', filename: 'bench.mp4', sha256: digest },
        headers: { Authorization: `Bearer ${server.token}` },
        chunkSize: CHUNK_BYTES,
        retryDelays: null,
        storeFingerprintForResuming: false,
        onProgress: (sent) => {
          if (cut !== null && sent >= cut) {
            cut = null;
            void tus.abort(false).then(() => resolve(tus.url!));
          }
        },
        onSuccess: () => resolve(tus.url!),
        onError: reject,
      });
      tus.start();
    });
  try {
    const url = await once(null, cutAt);
    if (cutAt !== null) await once(url, null);
    return { ms: performance.now() - started, rssGrowth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

/** The run of median time, with the largest RSS growth of all runs (memory must stay flat in every one). */
function medianRun(runs: readonly Run[]): Run {
  const byTime = [...runs].sort((a, b) => a.ms - b.ms);
  return {
    ms: byTime[Math.floor(byTime.length / 2)]!.ms,
    rssGrowth: Math.max(...runs.map((r) => r.rssGrowth)),
  };
}

export async function benchUploadThroughput(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-upload-file-'));
  const server = await startChild<UploadServer>('bench/fixtures/upload-server.ts');
  try {
    // A small upload first, so the figures leave out the first requests' warm-up.
    const warm = makeFile(dir, 'warm.mp4', 8 * 1024 * 1024);
    await upload(server.ready, warm, await sha256(warm), null);
    const file = makeFile(dir, 'upload.mp4', FILE_BYTES);
    const digest = await sha256(file);
    const wholes: Run[] = [];
    const cuts: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      wholes.push(await upload(server.ready, file, digest, null));
      cuts.push(await upload(server.ready, file, digest, Math.floor(FILE_BYTES / 2)));
    }
    const whole = medianRun(wholes);
    const cut = medianRun(cuts);
    const rate = (run: Run) => `${(FILE_BYTES / MB / (run.ms / 1000)).toFixed(0)} MB/s`;
    const growth = (run: Run) => `${(run.rssGrowth / MB).toFixed(1)} MB`;
    return {
      [`upload ${(FILE_BYTES / MB).toFixed(0)} MB via tus (goal ≥ 200 MB/s)`]: `${rate(whole)} (median of ${ROUNDS}, ${(whole.ms / 1000).toFixed(1)} s, ${CHUNK_BYTES / 1024 / 1024} MiB chunks)`,
      'upload server RSS growth, largest of the runs (goal: flat)': growth(whole),
      'upload with a cut at 50%, resumed': `${(cut.ms / 1000).toFixed(1)} s (+${(((cut.ms - whole.ms) / whole.ms) * 100).toFixed(0)}% over uninterrupted), RSS growth ${growth(cut)}`,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(server.ready.dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchUploadThroughput());
}
