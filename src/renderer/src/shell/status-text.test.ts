import { describe, expect, it } from 'vitest';
import { describeSync } from './status-text';

const sync = { serverUrl: 'http://127.0.0.1:4000', lastSyncedAt: null, lastError: null };

describe('the status bar text', () => {
  it('says the connection state and how many changes wait', () => {
    expect(describeSync({ ...sync, state: 'online', pending: 0 })).toBe('Online');
    expect(describeSync({ ...sync, state: 'syncing', pending: 1 })).toBe('Syncing · 1 change waiting');
    expect(describeSync({ ...sync, state: 'offline', pending: 3 })).toBe('Offline · 3 changes waiting');
    expect(describeSync({ ...sync, state: 'signed-out', pending: 0 })).toBe('Signed out');
  });
});
