import type Database from 'better-sqlite3';
import type { AccountSummary } from '@shared/domain/sync/status';

interface AccountRow {
  id: string;
  server_url: string;
  email: string;
  handle: string | null;
  display_name: string;
  role: AccountSummary['role'];
  last_active_at: string;
}

/** The accounts signed in to this studio and which one is active, kept in `studio.sqlite`. */
export class AccountRegistry {
  constructor(private readonly db: Database.Database) {}

  /** Signed-in accounts, most recently active first. */
  list(): AccountSummary[] {
    const rows = this.db
      .prepare('SELECT * FROM accounts ORDER BY last_active_at DESC, id')
      .all() as AccountRow[];
    return rows.map(toSummary);
  }

  get(id: string): AccountSummary | null {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row ? toSummary(row) : null;
  }

  /** The accounts signed in to the server at `serverUrl`. */
  onServer(serverUrl: string): AccountSummary[] {
    return this.list().filter((account) => account.serverUrl === serverUrl);
  }

  /** The account's server moved to `serverUrl` (the same server, a new address). */
  moveToServer(id: string, serverUrl: string): void {
    this.db.prepare('UPDATE accounts SET server_url = ? WHERE id = ?').run(serverUrl, id);
  }

  activeId(): string | null {
    const id = this.db.prepare('SELECT account_id FROM active_account WHERE only_one = 1').pluck().get();
    return typeof id === 'string' ? id : null;
  }

  /** Records (or refreshes) a signed-in account and makes it the active one. */
  saveAndActivate(account: AccountSummary): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO accounts (id, server_url, email, handle, display_name, role, last_active_at)
           VALUES (@id, @serverUrl, @email, @handle, @displayName, @role, @at)
           ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, email = excluded.email,
             handle = excluded.handle, display_name = excluded.display_name, role = excluded.role,
             last_active_at = excluded.last_active_at`,
        )
        .run({ ...account, at: new Date().toISOString() });
      this.setActive(account.id);
    })();
  }

  /** Makes a signed-in account the active one. */
  activate(id: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE accounts SET last_active_at = ? WHERE id = ?')
        .run(new Date().toISOString(), id);
      this.setActive(id);
    })();
  }

  /** Forgets a signed-in account; if it was active, the most recently active other one takes over. */
  remove(id: string): string | null {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
      const current = this.activeId();
      if (current) return current;
      const next = this.list()[0]?.id ?? null;
      if (next) this.setActive(next);
      return next;
    })();
  }

  private setActive(id: string): void {
    this.db
      .prepare(
        `INSERT INTO active_account (only_one, account_id) VALUES (1, ?)
         ON CONFLICT (only_one) DO UPDATE SET account_id = excluded.account_id`,
      )
      .run(id);
  }
}

function toSummary(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    serverUrl: row.server_url,
    email: row.email,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
  };
}
