/**
 * `npm test`: every suite, in the order that fails fastest, with one summary line at the end.
 * 1. Vitest, all projects (domain, server on embedded PGlite, studio with real SQLite and a real server
 *    process, ui logic, contracts on anvil).
 * 2. The server suite again on PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
 * 3. Playwright e2e in Chromium against `npm start` (browser mode).
 * Extra arguments go to every runner (e.g. `npm test -- --reporter=dot` is not supported; use the
 * individual scripts for that).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const reports = mkdtempSync(join(tmpdir(), 'mesi-test-'));
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const skipE2e = process.argv.includes('--no-e2e');

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  console.log(`\n=== ${label} ===`);
  const child = spawn(command, args, { stdio: 'inherit', env });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

function addVitest(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  tally.passed += r.numPassedTests;
  tally.failed += r.numFailedTests;
  tally.skipped += r.numPendingTests + r.numTodoTests;
}

function addPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  tally.passed += r.stats.expected + r.stats.flaky;
  tally.failed += r.stats.unexpected;
  tally.skipped += r.stats.skipped;
}

const vitest = ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json'];
const withoutPg = { ...process.env };
delete withoutPg.TEST_DATABASE_URL;

let failedRuns = 0;
const unitReport = join(reports, 'unit.json');
failedRuns += (await run(
  'unit and integration (PGlite)',
  process.execPath,
  [...vitest, `--outputFile.json=${unitReport}`],
  withoutPg,
))
  ? 1
  : 0;
addVitest(unitReport);

if (process.env.TEST_DATABASE_URL) {
  const pgReport = join(reports, 'postgres.json');
  const code = await run(
    'server suite on PostgreSQL',
    process.execPath,
    [...vitest, '--project', 'server', `--outputFile.json=${pgReport}`],
    process.env,
  );
  failedRuns += code ? 1 : 0;
  addVitest(pgReport);
} else {
  console.log('\n(server suite on PostgreSQL skipped: set TEST_DATABASE_URL=postgres://… to run it)');
}

if (!skipE2e) {
  const e2eReport = join(reports, 'e2e.json');
  const code = await run(
    'e2e (Playwright, Chromium)',
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'],
    {
      ...withoutPg,
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
    },
  );
  failedRuns += code ? 1 : 0;
  addPlaywright(e2eReport);
}

// A run that crashed before reporting must still fail the whole command.
if (failedRuns > 0 && tally.failed === 0) tally.failed = failedRuns;
console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failedRuns > 0 || tally.failed > 0 ? 1 : 0);
