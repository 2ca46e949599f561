import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from './keytar-secret-store';
import { accountSecretKey, KeychainModuleMissingError, KeychainUnavailableError } from './secret-store';
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

  it('says what to install when keytar is not installed', async () => {
    const notFound = Object.assign(new Error("Cannot find package 'keytar' imported from the studio"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    let loads = 0;
    const store = new KeytarSecretStore('Mesi Studio (test)', () => (loads++, Promise.reject(notFound)));
    const failure = await store.set('x', 'token').then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(KeychainModuleMissingError);
    expect(failure).toMatchObject({ kind: 'unavailable', cause: notFound });
    expect((failure as Error).message).toMatch(/^The OS keychain module \(keytar\) is not installed/);
    if (process.platform === 'linux') {
      expect((failure as Error).message).toMatch(/install libsecret-1-dev .*then run npm install again/);
    }
    // Installed meanwhile: the next call loads again rather than keeping the failure.
    await expect(store.get('x')).rejects.toBeInstanceOf(KeychainModuleMissingError);
    expect(loads).toBe(2);
  });

  it('says what to install when the keytar package cannot be resolved at all', async () => {
    // A child process whose module resolver knows no 'keytar', as after an install where keytar's build failed
    // and npm left the optional dependency out.
    const noKeytar = `data:text/javascript,${encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === 'keytar') {
          const error = new Error("Cannot find package 'keytar'");
          error.code = 'ERR_MODULE_NOT_FOUND';
          throw error;
        }
        return next(specifier, context);
      }`)}`;
    const script = `
      import { register } from 'node:module';
      register(${JSON.stringify(noKeytar)});
      const { KeytarSecretStore } = await import('./src/main/studio/secrets/keytar-secret-store.ts');
      try { await new KeytarSecretStore('Mesi Studio (test)').get('x'); console.log(JSON.stringify({ ok: true })); }
      catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      name?: string;
      message?: string;
    };
    expect(outcome.name).toBe('KeychainModuleMissingError');
    expect(outcome.message).toMatch(/keytar\) is not installed/);
  });

  it('explains the fix for each platform', () => {
    const missing = Object.assign(new Error('not found'), { code: 'MODULE_NOT_FOUND' });
    expect(new KeychainModuleMissingError(missing, 'linux').message).toBe(
      'The OS keychain module (keytar) is not installed, so the studio cannot store your sign-in. On ' +
        'Debian/Ubuntu install libsecret-1-dev (sudo apt-get install libsecret-1-dev; on Fedora ' +
        'libsecret-devel), then run npm install again and restart the studio.',
    );
    for (const platform of ['darwin', 'win32'] as const) {
      expect(new KeychainModuleMissingError(missing, platform).message).toMatch(
        /not installed.*prebuilt binaries for macOS and Windows: run npm install again/,
      );
    }
    // Installed, but its native part does not load: say why.
    expect(
      new KeychainModuleMissingError(new Error('libsecret-1.so.0: cannot open shared object file'), 'linux')
        .message,
    ).toMatch(/^The OS keychain module \(keytar\) could not be loaded \(libsecret-1\.so\.0: cannot open/);
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
