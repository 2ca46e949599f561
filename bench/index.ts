/**
 * `npm run bench`: every benchmark of the project, one after the other (they share 2 cores, so never at
 * once), printed as one table. Figures are for reports, never for pass/fail: machines are noisy. Arguments
 * select benchmarks by name: `npm run bench -- "studio cold start" "server start"`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchRenewalRun } from './renewal-run';
import { benchServerLoad } from './server-load';
import { benchServerStart } from './server-start';
import { benchStudioColdStart } from './studio-cold-start';
import { benchSyncPull } from './sync-pull';
import { benchTipsLoad } from './tips-load';
import { benchMediaProcessing } from './media-processing';
import { benchUploadThroughput } from './upload-throughput';
import { benchVaultSearch } from './vault-search';
import { benchChatFanout } from './live-chat-fanout';
import { benchChatTwoInstances } from './live-chat-two-instances';
import { benchLiveEncoder } from './live-encoder';
import { benchLiveLatency } from './live-latency';
import { benchLiveViewers } from './live-viewers';

const BENCHMARKS = [
  ['studio cold start', () => benchStudioColdStart()],
  ['server start', () => benchServerStart()],
  ['sync pull-and-apply', () => benchSyncPull()],
  ['server load', () => benchServerLoad()],
  ['tips load', () => benchTipsLoad()],
  ['renewal run', () => benchRenewalRun()],
  ['media processing', () => benchMediaProcessing()],
  ['upload throughput', () => benchUploadThroughput()],
  ['vault search', () => benchVaultSearch()],
  ['chat fan-out', () => benchChatFanout()],
  ['chat two instances', () => benchChatTwoInstances()],
  ['live latency', () => benchLiveLatency()],
  ['live viewers', () => benchLiveViewers()],
  ['live encoder', () => benchLiveEncoder()],
] as const;

// `npm run bench -- "server start"` runs only the benchmarks whose names contain one of the arguments.
const only = process.argv.slice(2);
const selected = BENCHMARKS.filter(([name]) => only.length === 0 || only.some((o) => name.includes(o)));
if (selected.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}: ${BENCHMARKS.map(([name]) => name).join(', ')}`);
  process.exit(1);
}

const started = Date.now();
const results: Record<string, string> = {};
for (const [name, run] of selected) {
  console.log(`running: ${name}…`);
  Object.assign(results, await run());
}
console.log(
  `\nMesi Studio benchmarks (${cpus().length} cores, Node ${process.version}, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
console.table(results);
// The full run only: a selection would overwrite the other figures.
if (selected.length < BENCHMARKS.length) process.exit(0);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
