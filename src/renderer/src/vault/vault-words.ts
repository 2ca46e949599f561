import type { MediaKind } from '@shared/domain/media/media';
import { KIND_LABELS } from './vault-item';

/**
 * How the vault screen puts an item's numbers in words: time left, durations, sizes, and what the server holds.
 * Pure, so the screen, the picker and the tests say the same thing.
 */

const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/**
 * The time a job has left, said the way a person would estimate it: seconds under a minute ("12 s left"), then
 * rounded up to whole minutes ("about 2 min left"), then hours and minutes. Under a second: "almost done".
 */
export function timeLeft(etaMs: number): string {
  if (!Number.isFinite(etaMs) || etaMs < 0) return '';
  const seconds = Math.ceil(etaMs / 1000);
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `${seconds} s left`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
}

/** A play length as a player shows it: "0:03", "12:05", "1:02:03". */
export function clockDuration(durationMs: number): string {
  const total = Math.max(0, Math.round(durationMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** The same length for a screen reader: "3 seconds", "1 minute 2 seconds", "1 hour 2 minutes". */
export function spokenDuration(durationMs: number): string {
  const total = Math.max(0, Math.round(durationMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (hours > 0)
    return minutes > 0 ? `${part(hours, 'hour')} ${part(minutes, 'minute')}` : part(hours, 'hour');
  if (minutes > 0)
    return seconds > 0 ? `${part(minutes, 'minute')} ${part(seconds, 'second')}` : part(minutes, 'minute');
  return part(seconds, 'second');
}

/** A file's size in decimal units, as file managers show it: "812 bytes", "4.2 MB", "1.5 GB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${NUMBER.format(value)} ${units[unit]}`;
}

/** The server's side of an item: null until an upload starts. */
export type ServerStatus = 'uploading' | 'processing' | 'ready' | 'failed';

/** What the server holds of an item, in words: "On server", "Server processing", "Server failed: …". */
export function serverStatusText(status: ServerStatus | null, failure: string | null): string {
  switch (status) {
    case null:
      return 'Only in the studio';
    case 'uploading':
      return 'Uploading to the server';
    case 'processing':
      return 'Server processing';
    case 'ready':
      return 'On server';
    case 'failed':
      return `Server failed: ${failure ?? 'no reason given'}`;
  }
}

/** An item's kind, length and size in one line: "Video · 3 seconds · 4.2 MB". */
export function mediaFacts(item: {
  readonly kind: MediaKind;
  readonly durationMs: number | null;
  readonly bytes?: number;
  readonly width?: number | null;
  readonly height?: number | null;
}): string {
  const parts: string[] = [KIND_LABELS[item.kind]];
  if (item.kind !== 'photo' && item.durationMs !== null) parts.push(spokenDuration(item.durationMs));
  if (item.width && item.height) parts.push(`${item.width} × ${item.height}`);
  if (item.bytes !== undefined) parts.push(fileSize(item.bytes));
  return parts.join(' · ');
}
