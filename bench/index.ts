/**
 * `npm run bench`: every benchmark of the project, one after the other (they share 2 cores, so never at
 * once), printed as one table. Figures are for reports, never for pass/fail: machines are noisy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchServerLoad } from './server-load';
import { benchStudioColdStart } from './studio-cold-start';
import { benchSyncPull } from './sync-pull';

const started = Date.now();
const results: Record<string, string> = {};
for (const [name, run] of [
  ['studio cold start', () => benchStudioColdStart()],
  ['sync pull-and-apply', () => benchSyncPull()],
  ['server load', () => benchServerLoad()],
] as const) {
  console.log(`running: ${name}…`);
  Object.assign(results, await run());
}
console.log(
  `\nMesi Studio benchmarks (${cpus().length} cores, Node ${process.version}, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
console.table(results);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
