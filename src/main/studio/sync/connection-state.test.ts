import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '@shared/domain/sync/status';
import { draft } from '../test/drafts';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { waitFor, type TestStudio } from '../test/studio-harness';

const { server, openSignedIn } = realServerSuite();

/** Every connection state the studio reported, in order, from now on. */
function statesOf(t: TestStudio): ConnectionState[] {
  const seen: ConnectionState[] = [];
  t.studio.createContext().accounts.on('state', (state) => {
    if (seen.at(-1) !== state.sync.state) seen.push(state.sync.state);
  });
  return seen;
}

describe('the connection state the status bar shows', () => {
  it('turns offline when the server goes away, though no change waits to be sent', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    await waitFor('online', () => t.studio.state().sync.state === 'online');

    await server.kill();
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');
    expect(t.studio.state().sync).toMatchObject({
      pending: 0,
      lastError: expect.stringMatching(/unreachable/),
    });
  });

  it('stays offline while it retries, and is online again once the server answers', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    await waitFor('online', () => t.studio.state().sync.state === 'online');
    await server.kill();
    await t.posts.create({ draft: draft('Queued while the server is away') });
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');

    const states = statesOf(t);
    // Several retries fail meanwhile (the test backoff is 50–500 ms), each with a change to send; none may flip
    // the bar back to Connecting, nor to Syncing (the save notices would read that as online).
    await t.syncNow();
    await t.syncNow();
    expect(states).not.toContain('connecting');
    expect(states).not.toContain('syncing');
    expect(t.studio.state().sync.state).toBe('offline');

    await server.start();
    await waitFor('online', () => t.studio.state().sync.state === 'online');
    expect(t.studio.state().sync.pending).toBe(0);
  });
});
