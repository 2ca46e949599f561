/**
 * The live encoder: CPU use and realtime factor of the studio's 720p30 preset with x264, as the studio itself
 * measures it (`measureEncode`: testsrc2 and a tone, the preset's output arguments, the null muxer, as fast as
 * it goes, CPU from ffmpeg's own `-benchmark` accounting). Rounds: BENCH_LIVE_ENCODE_ROUNDS (default 3) of
 * BENCH_LIVE_ENCODE_SECONDS media seconds (default 20); medians reported. testsrc2 is easier to encode than a
 * camera: read the figures as a floor of the cost, not the cost of a real scene.
 *
 * Run alone: `npm run bench -- "live encoder"`.
 */
import { cpus } from 'node:os';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { measureEncode, type EncodeMeasurement } from '../src/encoder/live';
import { summarize } from './support/stats';

const SECONDS = Number(process.env.BENCH_LIVE_ENCODE_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_LIVE_ENCODE_ROUNDS ?? 3);

export async function benchLiveEncoder(): Promise<Record<string, string>> {
  const preset = LIVE_PRESETS['720p30'];
  const runs: EncodeMeasurement[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    try {
      runs.push(await measureEncode({ preset: '720p30', seconds: SECONDS, encoder: 'libx264' }));
    } catch (error) {
      return { 'live encoder (720p30, x264)': `failed: ${(error as Error).message}` };
    }
  }
  const factor = summarize(runs.map((r) => r.realtimeFactor));
  const cores = summarize(runs.map((r) => r.cpuCores));
  const atRealtime = summarize(runs.map((r) => r.cpuCoresAtRealtime));
  const label = `live encoder, ${preset.label} with x264 (${ROUNDS} × ${SECONDS} s testsrc2 + tone)`;
  return {
    [`${label}: realtime factor`]: `${factor.median.toFixed(2)}× (runs ${runs.map((r) => r.realtimeFactor.toFixed(2)).join(', ')})`,
    [`${label}: CPU flat out`]: `${cores.median.toFixed(2)} cores (${((cores.median / Math.max(1, cpus().length)) * 100).toFixed(0)}% of ${cpus().length})`,
    [`${label}: CPU at 1× (live)`]: `${atRealtime.median.toFixed(2)} cores per media second (${atRealtime.min.toFixed(2)}–${atRealtime.max.toFixed(2)})`,
  };
}
