import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOnServer } from '../test/server-accounts';
import { ServerProcess } from '../test/server-process';
import { openTestStudio } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';
import { KeytarSecretStore } from './keytar-secret-store';

const serverDir = tempDir('mesi-studio-no-keytar-server-');
const studioDir = tempDir('mesi-studio-no-keytar-');
const server = new ServerProcess({ dataDir: serverDir.path });

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.kill();
  serverDir.remove();
  studioDir.remove();
});

describe('signing in without the OS keychain module', () => {
  it('fails with the message that says what to install, and keeps no half-signed-in account', async () => {
    const creator = await signUpOnServer(server.url);
    // keytar left out of the install (an optional dependency whose build failed): its import fails.
    const notFound = Object.assign(new Error("Cannot find package 'keytar'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const t = await openTestStudio(studioDir.path, {
      secrets: new KeytarSecretStore('Mesi Studio (test)', () => Promise.reject(notFound)),
    });
    try {
      const failure = await t.api.accounts
        .signIn({ serverUrl: server.url, email: creator.email, password: creator.password })
        .then(
          () => null,
          (error: unknown) => error,
        );
      // What the sign-in form shows: the error's message, under its transport code.
      expect(failure).toBeInstanceOf(TRPCError);
      expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect((failure as TRPCError).message).toMatch(/^The OS keychain module \(keytar\) is not installed/);
      expect((failure as TRPCError).message).toMatch(/npm install again/);
      expect(t.studio.state()).toMatchObject({ activeAccountId: null, accounts: [] });
    } finally {
      await t.studio.close();
    }
  });
});
