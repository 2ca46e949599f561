import type { ConnectionState, SyncStatus } from '@shared/domain/sync/status';

const STATE_WORDS: Readonly<Record<ConnectionState, string>> = {
  'signed-out': 'Signed out',
  offline: 'Offline',
  connecting: 'Connecting',
  online: 'Online',
  syncing: 'Syncing',
};

/** The connection state and outbox in a few words: "Online", "Syncing · 3 changes waiting". */
export function describeSync(sync: SyncStatus): string {
  const words = STATE_WORDS[sync.state];
  if (sync.state === 'signed-out' || sync.pending === 0) return words;
  return `${words} · ${sync.pending} ${sync.pending === 1 ? 'change' : 'changes'} waiting`;
}
