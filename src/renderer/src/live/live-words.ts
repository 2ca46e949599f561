import type { LivePhase } from '../../../main/studio/live/live-phase';
import type { LiveStats } from '../../../main/studio/live/live-ports';
import { isCurrency } from '@shared/domain/money/amount';
import { money } from '../earnings/earnings-format';

/** How long the stream has been on air, as a clock: 4:05, 1:02:09. */
export function onAirFor(sinceIso: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The session's state in words, as the status line says it. */
export function phaseWords(phase: LivePhase, wentLiveAt: string | null, now: Date): string {
  switch (phase.state) {
    case 'idle':
      return 'Not live';
    case 'starting':
      return 'Getting a stream key from your server…';
    case 'connecting':
      return 'Connecting to your server…';
    case 'live':
      return `Live for ${onAirFor(wentLiveAt ?? phase.since, now)}`;
    case 'reconnecting':
      return `Connection lost: reconnecting (attempt ${phase.attempt}). ${phase.reason}`;
    case 'ending':
      return phase.reason === null ? 'Ending the stream…' : `${phase.reason}: ending the stream…`;
    case 'stopped':
      return phase.reason === null ? 'The stream has ended' : `The stream has ended: ${phase.reason}`;
    case 'failed':
      return `The stream stopped: ${phase.reason}`;
  }
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The health figures as label and value pairs; a figure ffmpeg has not reported yet reads "—". */
export function statFigures(stats: LiveStats | null): readonly (readonly [string, string])[] {
  const or = (value: number | null, show: (value: number) => string) => (value === null ? '—' : show(value));
  return [
    ['Frame rate', or(stats?.fps ?? null, (fps) => `${whole.format(fps)} fps`)],
    ['Bitrate', or(stats?.bitrateKbps ?? null, (kbps) => `${whole.format(kbps)} kbit/s`)],
    ['Dropped frames', stats ? whole.format(stats.droppedFrames) : '—'],
    ['Speed', or(stats?.speed ?? null, (speed) => `${speed.toFixed(2)}×`)],
    ['CPU', or(stats?.cpuPercent ?? null, (cpu) => `${whole.format(cpu)} %`)],
  ];
}

/** The warning to show above the figures, in words, with how serious it is; null while the encoder keeps up. */
export function healthWarning(
  stats: LiveStats | null,
): { readonly level: 'warning' | 'bad'; readonly text: string } | null {
  const health = stats?.health;
  if (!health || health.level === 'good' || health.reason === null) return null;
  return { level: health.level, text: health.reason };
}

/** A tip as its alert says it: "Ana tipped $5.00". */
export function tipWords(
  authorName: string,
  tip: { readonly currency: string; readonly amount: string } | null,
): string {
  if (!tip || !isCurrency(tip.currency)) return `${authorName} sent a tip`;
  return `${authorName} tipped ${money(tip.currency, tip.amount)}`;
}
