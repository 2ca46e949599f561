import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from './keytar-secret-store';
import { accountSecretKey, KeychainUnavailableError } from './secret-store';
import { TestOnlyMemorySecretStore } from './test-only-memory-secret-store';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe('KeytarSecretStore', () => {
  it.skipIf(!hasSessionBus)('stores, reads and deletes a token in the OS keychain', async () => {
    const store = new KeytarSecretStore('Mesi Studio (test)');
    const key = accountSecretKey('http://127.0.0.1:4000', randomUUID());
    expect(await store.get(key)).toBeNull();
    await store.set(key, 'token-1');
    expect(await store.get(key)).toBe('token-1');
    await store.set(key, 'token-2');
    expect(await store.get(key)).toBe('token-2');
    expect(await store.delete(key)).toBe(true);
    expect(await store.get(key)).toBeNull();
    expect(await store.delete(key)).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')(
    'says what to install when no keychain is reachable (no D-Bus session)',
    async () => {
      // A child process, so this test's own environment (and keytar's loaded state) stays untouched.
      const script = `
        import { KeytarSecretStore } from './src/main/studio/secrets/keytar-secret-store.ts';
        try { await new KeytarSecretStore().get('x'); console.log(JSON.stringify({ ok: true })); }
        catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`;
      const env = { ...process.env };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      delete env.DISPLAY;
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: REPO_ROOT,
          env,
        },
      );
      const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
        name?: string;
        message?: string;
      };
      expect(outcome.name).toBe('KeychainUnavailableError');
      expect(outcome.message).toMatch(/could not reach the system keychain/);
      expect(outcome.message).toMatch(/D-Bus|DISPLAY/);
      expect(outcome.message).toMatch(/gnome-keyring/);
    },
  );

  it('explains the fix for each platform', () => {
    expect(new KeychainUnavailableError(new Error('boom'), 'darwin').message).toMatch(/login keychain/);
    expect(new KeychainUnavailableError(new Error('boom'), 'win32').message).toMatch(/Credential Manager/);
  });
});

describe('TestOnlyMemorySecretStore', () => {
  it('refuses to exist in production', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => new TestOnlyMemorySecretStore()).toThrow(/must not be used in production/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
