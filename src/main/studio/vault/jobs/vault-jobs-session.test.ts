import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServerSuite } from '../../test/real-server-suite';
import { signUpOnServer } from '../../test/server-accounts';
import { waitFor } from '../../test/studio-harness';
import { tempDir } from '../../test/temp-dir';
import { makeClip } from '../test-media';

const suite = realServerSuite();
const media = tempDir('mesi-jobs-session-');
const clip = join(media.path, 'Hello.mp4');
beforeAll(() => makeClip(clip, { seconds: 2 }));
afterAll(() => media.remove());

describe('the vault’s jobs in a signed-in studio', () => {
  it('an imported clip is processed, uploaded, and the server’s ready comes back through sync', async () => {
    const creator = await signUpOnServer(suite.server.url);
    const studio = await suite.openSignedIn(creator);
    const accountId = studio.studio.state().activeAccountId!;
    const [outcome] = await studio.api.vault.importPaths({ accountId, paths: [clip] });
    const item = 'item' in outcome! ? outcome.item : expect.unreachable('the clip was refused');

    const ready = (await waitFor(
      'the server to say ready',
      async () => {
        await studio.syncNow();
        const view = await studio.api.vault.get({ accountId, id: item.id });
        return view.serverStatus === 'ready' ? view : null;
      },
      120_000,
    ))!;
    expect(ready.job).toMatchObject({ kind: 'upload', state: 'done', progress: 1 });
    expect(ready.thumbUrl).toMatch(/^data:image\/webp;base64,/);
    expect((await creator.api.media.list.query()).map((m) => [m.id, m.status])).toEqual([[item.id, 'ready']]);
  });
});
