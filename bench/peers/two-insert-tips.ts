/**
 * The tips benchmark's peer: a tip as the least a ledger with derived balances can do in PostgreSQL, two
 * transfer inserts in one transaction (the fan to the creator, the fan to the platform's fees), into
 * `peer_transfers`, a table shaped like `ledger_transfers` (same columns, checks and indexes; no operations
 * table, so no foreign key). Run by pgbench when it is installed (the reference figure, ~9,950 tips/s on
 * PostgreSQL 15 with 2 cores and 50 clients, was pgbench), else by the same transaction from 50 `pg` clients.
 * Either way with prepared statements, per-transaction latencies, and no server in between.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface PeerResult {
  readonly tool: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly transactions: number;
  readonly failed: number;
}

export async function createPeerTable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE peer_transfers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      operation_id uuid NOT NULL,
      debit text NOT NULL,
      credit text NOT NULL,
      currency text NOT NULL CHECK (currency IN ('USD', 'USDC', 'MESI')),
      amount numeric(78,0) NOT NULL CHECK (amount > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (debit <> credit)
    )`);
    await client.query(`CREATE INDEX peer_transfers_credit_idx ON peer_transfers (credit, currency)`);
    await client.query(`CREATE INDEX peer_transfers_debit_idx ON peer_transfers (debit, currency)`);
    await client.query(`CREATE INDEX peer_transfers_operation_idx ON peer_transfers (operation_id)`);
  } finally {
    await client.end();
  }
}

/** The peer's balance check: debits and credits of every tip moved the same total. */
export async function peerCount(databaseUrl: string): Promise<{ transfers: number; operations: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ transfers: string; operations: string }>(
      `SELECT count(*) AS transfers, count(DISTINCT operation_id) AS operations FROM peer_transfers`,
    );
    return { transfers: Number(rows[0]!.transfers), operations: Number(rows[0]!.operations) };
  } finally {
    await client.end();
  }
}

/** pgbench from PGBENCH, PostgreSQL 15's bin folder or PATH; null when there is none. */
export function findPgbench(): string | null {
  const candidates = [process.env.PGBENCH, '/usr/lib/postgresql/15/bin/pgbench'].filter(
    (p): p is string => !!p,
  );
  for (const path of candidates) if (existsSync(path)) return path;
  const which = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/**
 * Ledger accounts as the server writes them (`fan:<uuid>:sandbox`, `creator:<uuid>`, `platform:fees`), as SQL.
 * The colon is written `\x3a`: pgbench would read `:name` inside a literal as one of its variables.
 */
const fanAccount = (fan: string) => `E'fan\\x3a' || lpad(${fan}::text, 36, '0') || E'\\x3asandbox'`;
const creatorAccount = (creatorId: string) => `E'creator\\x3a${creatorId}'`;
const PLATFORM_FEES = `E'platform\\x3afees'`;

function pgbenchScript(creatorId: string, fans: number): string {
  return [
    '\\set amount random(100, 10000)',
    '\\set fee :amount / 10',
    '\\set net :amount - :fee',
    `\\set fan random(1, ${fans})`,
    'BEGIN;',
    'INSERT INTO peer_transfers (operation_id, debit, credit, currency, amount)',
    `  VALUES (gen_random_uuid(), ${fanAccount(':fan')}, ${creatorAccount(creatorId)}, 'USD', :net)`,
    '  RETURNING operation_id AS op \\gset',
    'INSERT INTO peer_transfers (operation_id, debit, credit, currency, amount)',
    `  VALUES (:op, ${fanAccount(':fan')}, ${PLATFORM_FEES}, 'USD', :fee);`,
    'END;',
    '',
  ].join('\n');
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

export async function runPeer(
  databaseUrl: string,
  options: { clients: number; durationS: number; creatorId: string; fans: number },
): Promise<PeerResult> {
  const pgbench = findPgbench();
  return pgbench ? runPgbench(pgbench, databaseUrl, options) : runNodePeer(databaseUrl, options);
}

async function runPgbench(
  pgbench: string,
  databaseUrl: string,
  {
    clients,
    durationS,
    creatorId,
    fans,
  }: { clients: number; durationS: number; creatorId: string; fans: number },
): Promise<PeerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-pgbench-'));
  try {
    const script = join(dir, 'tip.sql');
    writeFileSync(script, pgbenchScript(creatorId, fans));
    // -n: no vacuum of pgbench's own tables (there are none); -j 2: one thread per core; -l: one line per
    // transaction (its latency in µs, third field), for the percentiles pgbench does not print.
    const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(durationS), '-M', 'prepared'];
    args.push('-f', script, '-l', `--log-prefix=${join(dir, 'tx')}`, databaseUrl);
    const child = spawn(pgbench, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
    if (code !== 0 || !tps) throw new Error(`pgbench failed (exit ${code}):\n${out}`);
    const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('tx.'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    const sorted = Float64Array.from(latencies).sort();
    return {
      tool: 'pgbench',
      perSecond: Number(tps[1]),
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      transactions: latencies.length,
      failed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Without pgbench: the same transaction from `clients` connections of this process, prepared. */
async function runNodePeer(
  databaseUrl: string,
  {
    clients,
    durationS,
    creatorId,
    fans,
  }: { clients: number; durationS: number; creatorId: string; fans: number },
): Promise<PeerResult> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const columns = 'INSERT INTO peer_transfers (operation_id, debit, credit, currency, amount)';
  const first = {
    name: 'peer_first',
    text: `${columns} VALUES (gen_random_uuid(), ${fanAccount('$1')}, ${creatorAccount(creatorId)}, 'USD', $2)
      RETURNING operation_id`,
  };
  const second = {
    name: 'peer_second',
    text: `${columns} VALUES ($1, ${fanAccount('$2')}, ${PLATFORM_FEES}, 'USD', $3)`,
  };
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  try {
    await Promise.all(
      connections.map(async (client) => {
        while (performance.now() < deadline) {
          const amount = 100 + Math.floor(Math.random() * 9901);
          const fee = Math.floor(amount / 10);
          const fan = 1 + Math.floor(Math.random() * fans);
          const t0 = performance.now();
          try {
            await client.query('BEGIN');
            const { rows } = await client.query<{ operation_id: string }>({
              ...first,
              values: [fan, amount - fee],
            });
            await client.query({ ...second, values: [rows[0]!.operation_id, fan, fee] });
            await client.query('COMMIT');
            latencies.push(performance.now() - t0);
          } catch {
            failed++;
            await client.query('ROLLBACK').catch(() => undefined);
          }
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
  const elapsedS = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    tool: `${clients} pg clients (no pgbench found)`,
    perSecond: latencies.length / elapsedS,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    transactions: latencies.length,
    failed,
  };
}
