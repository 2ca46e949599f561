import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { draft } from '../test/drafts';
import { signUpOnServer } from '../test/server-accounts';
import { ServerProcess } from '../test/server-process';
import { openTestStudio, waitFor } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';
import { TestOnlyMemorySecretStore } from '../secrets/test-only-memory-secret-store';
import { accountSecretKey } from '../secrets/secret-store';
import { createServerClient } from '../sync/server-client';

const serverDir = tempDir('mesi-studio-server-');
const studioDirs: ReturnType<typeof tempDir>[] = [];
const servers: ServerProcess[] = [];
let placeholder: Server | null = null;

afterAll(async () => {
  for (const server of servers) await server.kill();
  placeholder?.close();
  for (const dir of [serverDir, ...studioDirs]) dir.remove();
});

function studioDir(): string {
  const dir = tempDir();
  studioDirs.push(dir);
  return dir.path;
}

async function startServer(): Promise<ServerProcess> {
  const server = new ServerProcess({ dataDir: serverDir.path });
  servers.push(server);
  await server.start();
  return server;
}

/** Keeps a port taken, so that the next server surely gets another one (as `--port 0` may). */
async function occupy(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('the server npm start runs beside the studio', () => {
  it('is followed to its new port after a restart, with the same sign-in and nothing lost', async () => {
    const first = await startServer();
    const creator = await signUpOnServer(first.url);
    const secrets = new TestOnlyMemorySecretStore();
    const dir = studioDir();
    let t = await openTestStudio(dir, { secrets, localServerUrl: first.url });
    const account = await t.api.accounts.signIn({
      serverUrl: first.url,
      email: creator.email,
      password: creator.password,
    });
    await waitFor('online', () => t.studio.state().sync.state === 'online');
    await t.studio.close();
    await first.stop();
    placeholder = await occupy(Number(new URL(first.url).port));

    const second = await startServer();
    t = await openTestStudio(dir, { secrets, localServerUrl: second.url });
    try {
      expect(t.studio.state().accounts.map((a) => a.serverUrl)).toEqual([second.url]);
      expect(t.studio.state().localServerUrl).toBe(second.url);
      const post = await t.posts.create({ draft: draft('After the restart') });
      await waitFor('the post synced', async () => (await t.posts.list())[0]?.syncState === 'synced');
      await waitFor('online', () => t.studio.state().sync.state === 'online');
      expect(t.studio.state().sync).toMatchObject({
        state: 'online',
        serverUrl: second.url,
        lastError: null,
      });
      const onServer = createServerClient({ serverUrl: second.url, token: creator.token });
      expect((await onServer.posts.mine.query()).map((p) => p.id)).toEqual([post.id]);
      // The token moved with the account: nothing is left under the old address.
      expect(await secrets.get(accountSecretKey(first.url, account.id))).toBeNull();
    } finally {
      await t.studio.close();
    }
  });

  it('leaves accounts signed in to any other server where they are', async () => {
    const server = servers.find((s) => s.running) ?? (await startServer());
    const creator = await signUpOnServer(server.url);
    const secrets = new TestOnlyMemorySecretStore();
    const dir = studioDir();
    // This studio's local server was elsewhere; the account is on `server`, which npm start did not start.
    let t = await openTestStudio(dir, { secrets, localServerUrl: 'http://127.0.0.1:9' });
    await t.api.accounts.signIn({ serverUrl: server.url, email: creator.email, password: creator.password });
    await t.studio.close();

    t = await openTestStudio(dir, { secrets, localServerUrl: 'http://127.0.0.1:10' });
    try {
      expect(t.studio.state().accounts.map((a) => a.serverUrl)).toEqual([server.url]);
      await waitFor('online', () => t.studio.state().sync.state === 'online');
    } finally {
      await t.studio.close();
    }
  });
});
