import type Database from 'better-sqlite3';
import { accountSecretKey, type SecretStore } from '../secrets/secret-store';
import type { AccountRegistry } from './account-registry';

/** Where `studio.sqlite` keeps the address the local server had last time. */
class LocalServerRecord {
  constructor(private readonly db: Database.Database) {}

  url(): string | null {
    const url = this.db.prepare('SELECT url FROM local_server WHERE only_one = 1').pluck().get();
    return typeof url === 'string' ? url : null;
  }

  remember(url: string): void {
    this.db
      .prepare(
        `INSERT INTO local_server (only_one, url) VALUES (1, ?)
         ON CONFLICT (only_one) DO UPDATE SET url = excluded.url`,
      )
      .run(url);
  }
}

/**
 * The server `npm start` runs beside this studio (development and tests) keeps its accounts and sessions from
 * run to run, but not its address when it picks a free port (`--port 0`). Accounts signed in to its previous
 * address move to `url`, their tokens with them, so the studio talks to the server that was just started
 * instead of calling a port nobody listens on. Accounts on any other server stay as they are. Returns the ids
 * of the accounts that moved.
 */
export async function followLocalServer(opts: {
  readonly db: Database.Database;
  readonly registry: AccountRegistry;
  readonly secrets: SecretStore;
  readonly url: string;
}): Promise<string[]> {
  const { registry, secrets } = opts;
  const url = opts.url.replace(/\/+$/, '');
  const record = new LocalServerRecord(opts.db);
  const previous = record.url();
  const moving = previous === null || previous === url ? [] : registry.onServer(previous);
  for (const account of moving) {
    const oldKey = accountSecretKey(account.serverUrl, account.id);
    const token = await secrets.get(oldKey);
    // The new key first, then the account, then the old key: a crash in between leaves a usable sign-in.
    if (token !== null) await secrets.set(accountSecretKey(url, account.id), token);
    registry.moveToServer(account.id, url);
    if (token !== null) await secrets.delete(oldKey);
  }
  record.remember(url);
  return moving.map((account) => account.id);
}
