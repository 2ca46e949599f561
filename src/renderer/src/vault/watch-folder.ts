/** What the studio says of the watched folder (`vault.watchFolder.get`). */
export interface WatchState {
  readonly path: string | null;
  readonly enabled: boolean;
  readonly watching: boolean;
  readonly lastError: string | null;
}

/** The watched folder in a few words: off, watching, or why it is not. */
export function watchSummary(state: WatchState | null): string {
  if (state === null) return '';
  if (!state.enabled) return 'Off.';
  if (state.watching) return `Watching ${state.path}: new photos, videos and audio there are imported.`;
  return `Not watching ${state.path}: ${state.lastError ?? 'the folder cannot be read'}.`;
}
