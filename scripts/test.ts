/**
 * `npm test`: every suite, in the order that fails fastest, with one summary line at the end.
 * 1. Vitest, all projects (domain, server, studio with real SQLite and real server processes, ui logic,
 *    contracts on anvil). The server suite runs on embedded PGlite, or on PostgreSQL when TEST_DATABASE_URL is
 *    set (CI sets it: production's database).
 * 2. With TEST_DATABASE_URL set, the server's tests of its database layer (`server/src/db/`) again on PGlite.
 *    CI used to run the whole server suite on both, which took it past its 30 minutes; PGlite stays covered
 *    there by these, by the studio's tests (their servers run on PGlite) and by the e2e suite (`npm start`
 *    runs on PGlite). A developer's `npm test` without TEST_DATABASE_URL runs it all on PGlite.
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

/** The server's tests of its database layer, run on PGlite too when the suite ran on PostgreSQL. */
const PGLITE_TESTS = ['server/src/db/'];
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let failedRuns = 0;
const unitReport = join(reports, 'unit.json');
failedRuns += (await run(
  `unit and integration (the server suite on ${onPostgres ? 'PostgreSQL' : 'PGlite'})`,
  process.execPath,
  [...vitest, `--outputFile.json=${unitReport}`],
  process.env,
))
  ? 1
  : 0;
addVitest(unitReport);

if (onPostgres) {
  const pgliteReport = join(reports, 'pglite.json');
  const code = await run(
    "the server's database layer on PGlite",
    process.execPath,
    [...vitest, '--project', 'server', ...PGLITE_TESTS, `--outputFile.json=${pgliteReport}`],
    withoutPg,
  );
  failedRuns += code ? 1 : 0;
  addVitest(pgliteReport);
} else {
  console.log(
    '\n(the server suite ran on PGlite: set TEST_DATABASE_URL=postgres://… to run it on PostgreSQL)',
  );
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
