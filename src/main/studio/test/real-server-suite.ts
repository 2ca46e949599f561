import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TestCreator } from './server-accounts';
import { ServerProcess } from './server-process';
import { openTestStudio, type TestStudio } from './studio-harness';
import { tempDir } from './temp-dir';

export interface RealServerSuite {
  /** One real server process for the whole file, started again after a test that stopped it. */
  readonly server: ServerProcess;
  /** This test's studio data folder (a fresh one per test). */
  studioDir(): string;
  /** Opens a studio on this test's folder; whatever is still open is closed after the test. */
  openStudio(opts?: Parameters<typeof openTestStudio>[1]): Promise<TestStudio>;
  /** Opens a studio as `openStudio` does and signs `creator` in to the suite's server. */
  openSignedIn(creator: TestCreator, opts?: Parameters<typeof openTestStudio>[1]): Promise<TestStudio>;
}

/**
 * Registers the hooks of a suite of studio tests against one real server process. Call it once at the top
 * of the file.
 */
export function realServerSuite(): RealServerSuite {
  const serverDir = tempDir('mesi-studio-server-');
  const server = new ServerProcess({ dataDir: serverDir.path });
  let studioDir: ReturnType<typeof tempDir> | null = null;
  const open = new Set<TestStudio>();

  beforeAll(() => server.start());
  afterAll(async () => {
    await server.kill();
    serverDir.remove();
  });
  beforeEach(() => {
    studioDir = tempDir();
  });
  afterEach(async () => {
    for (const studio of open) await studio.studio.close();
    open.clear();
    studioDir?.remove();
    studioDir = null;
    if (!server.running) await server.start();
  });

  const currentDir = (): string => {
    if (!studioDir) throw new Error('realServerSuite: studioDir() is only available inside a test');
    return studioDir.path;
  };
  async function openStudio(opts?: Parameters<typeof openTestStudio>[1]): Promise<TestStudio> {
    const studio = await openTestStudio(currentDir(), opts);
    open.add(studio);
    return studio;
  }
  return {
    server,
    studioDir: currentDir,
    openStudio,
    async openSignedIn(creator, opts) {
      const studio = await openStudio(opts);
      await studio.api.accounts.signIn({
        serverUrl: server.url,
        email: creator.email,
        password: creator.password,
      });
      return studio;
    },
  };
}
