import { TRPCError } from '@trpc/server';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountRegistry } from './accounts/account-registry';
import { openDatabase } from './db/connection';
import { studioMigrations } from './db/migrations/studio';
import { TestOnlyMemorySecretStore } from './secrets/test-only-memory-secret-store';
import { createStudio } from './services';
import { draft } from './test/drafts';
import { tempDir } from './test/temp-dir';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000bb',
  serverUrl: 'http://127.0.0.1:9',
  email: 'creator@example.test',
  handle: 'creator',
  displayName: 'Creator',
  role: 'creator' as const,
};

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
  const studioDb = openDatabase(join(dir.path, 'studio.sqlite'), studioMigrations);
  new AccountRegistry(studioDb).saveAndActivate(ACCOUNT);
  studioDb.close();
});
afterEach(() => dir.remove());

const refusal = (error: unknown) =>
  error instanceof TRPCError ? `${error.code}: ${error.message}` : `not refused: ${String(error)}`;

describe('the studio router refuses control characters at its root', () => {
  it('in any string or key of any procedure, and queues nothing for the server', async () => {
    const studio = await createStudio({ dataDir: dir.path, secretStore: new TestOnlyMemorySecretStore() });
    try {
      const api = studio.router.createCaller(studio.createContext());
      await expect(
        api.posts.create({ accountId: ACCOUNT.id, draft: draft('Fine title', 'A NUL\u0000 in the body') }),
      ).rejects.toSatisfy(
        (e) => refusal(e) === 'BAD_REQUEST: draft.body: must not contain control characters',
      );
      await expect(
        api.accounts.signIn({ serverUrl: 'http://127.0.0.1:9\u0007', email: 'a@b.test', password: 'x' }),
      ).rejects.toSatisfy(
        (e) => refusal(e) === 'BAD_REQUEST: serverUrl: must not contain control characters',
      );
      await expect(api.posts.list({ accountId: `${ACCOUNT.id}\u001b` })).rejects.toSatisfy((e) =>
        refusal(e).startsWith('BAD_REQUEST: accountId:'),
      );
      expect(await api.posts.list({ accountId: ACCOUNT.id })).toEqual([]);
      // Tabs and line breaks are text, not control: a body keeps them.
      const created = await api.posts.create({ accountId: ACCOUNT.id, draft: draft('Tabs', 'a\tb\r\nc') });
      expect(created.body).toBe('a\tb\r\nc');
    } finally {
      await studio.close();
    }
  });
});
