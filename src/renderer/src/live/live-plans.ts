import type { LocalStream } from '../../../main/studio/live/stream-table';

const AT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Who may watch, in words. */
export function audienceWords(stream: Pick<LocalStream, 'access'>): string {
  const access = stream.access;
  if (access === null) return 'as set on the web';
  switch (access.kind) {
    case 'public':
      return 'everyone';
    case 'subscribers':
      return access.minTier === null ? 'subscribers' : `subscribers from tier ${access.minTier}`;
    case 'ticket':
      return `ticket holders ($${(Number(access.priceCents) / 100).toFixed(2)})`;
  }
}

/** One planned stream as the list shows it: title, start in this computer's time, audience. */
export function plannedStreamLine(
  stream: Pick<LocalStream, 'title' | 'scheduledFor' | 'access'>,
  format: (at: Date) => string = (at) => AT.format(at),
): string {
  const when = stream.scheduledFor === null ? 'no time set' : format(new Date(stream.scheduledFor));
  return `${stream.title}: ${when}, for ${audienceWords(stream)}`;
}

/** Where a planned stream stands with the server, in words. */
export function syncStateWords(stream: Pick<LocalStream, 'syncState' | 'syncError'>): string {
  switch (stream.syncState) {
    case 'synced':
      return 'On your page';
    case 'pending':
      return 'Waiting to reach the server';
    case 'conflict':
      return 'Changed on the web meanwhile: choose the version to keep';
    case 'rejected':
      return `Refused by the server: ${stream.syncError ?? 'no reason given'}`;
  }
}

/** Blocked words as typed (spaces, commas or new lines between them), for the studio to check. */
export function blockedWordsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}
