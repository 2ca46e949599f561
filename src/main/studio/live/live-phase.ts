/**
 * Where the studio's live session stands, as the Live screen shows it. `starting` is the studio asking the
 * server for a key; `connecting`, `live` and `reconnecting` follow the encoder; `ending` is the clean stop
 * (encoder first, then the server), asked by the creator or by a source that came to its end (`reason`).
 * `stopped` and `failed` are where a session rests until the next Go live.
 */
export type LivePhase =
  | { readonly state: 'idle' }
  | { readonly state: 'starting' }
  | { readonly state: 'connecting' }
  | { readonly state: 'live'; readonly since: string }
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly reason: string }
  /** `reason`: why it ends without the creator asking (null: they pressed End). */
  | { readonly state: 'ending'; readonly reason: string | null }
  | { readonly state: 'stopped'; readonly reason: string | null }
  | { readonly state: 'failed'; readonly reason: string };

export type LivePhaseState = LivePhase['state'];

/** What happens to a session: the creator's actions, the server's answers and the encoder's reports. */
export type LivePhaseEvent =
  | { readonly type: 'start-requested' }
  | { readonly type: 'encoder-started' }
  | { readonly type: 'publishing'; readonly at: string }
  | { readonly type: 'dropped'; readonly attempt: number; readonly reason: string }
  | { readonly type: 'end-requested' }
  /** The source came to its end by itself: the stream ends as if the creator had pressed End. */
  | { readonly type: 'finished' }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly reason: string };

export const IDLE: LivePhase = { state: 'idle' };

/** Why a stream ended by itself: only a video from the vault, played once, comes to an end. */
export const PLAYED_TO_ITS_END = 'The video has played to its end';

/** Whether the encoder may be running (a second Go live is refused, End is offered). */
export function isOnAir(phase: LivePhase): boolean {
  return (
    phase.state === 'starting' ||
    phase.state === 'connecting' ||
    phase.state === 'live' ||
    phase.state === 'reconnecting'
  );
}

/** Whether Go live may start a session now. */
export function canGoLive(phase: LivePhase): boolean {
  return phase.state === 'idle' || phase.state === 'stopped' || phase.state === 'failed';
}

/**
 * The phase after `event`, or the same phase when the event does not apply there: a late report from an
 * encoder being stopped must not put a session that is ending back on air, and a stopped session ignores
 * a straggling drop.
 */
export function nextLivePhase(phase: LivePhase, event: LivePhaseEvent): LivePhase {
  switch (event.type) {
    case 'start-requested':
      return canGoLive(phase) ? { state: 'starting' } : phase;
    case 'encoder-started':
      return phase.state === 'starting' ? { state: 'connecting' } : phase;
    case 'publishing':
      // `since`: this stretch on air (the session keeps when the stream first went live).
      return phase.state === 'reconnecting' || phase.state === 'connecting'
        ? { state: 'live', since: event.at }
        : phase;
    case 'dropped':
      return phase.state === 'live' || phase.state === 'connecting' || phase.state === 'reconnecting'
        ? { state: 'reconnecting', attempt: event.attempt, reason: event.reason }
        : phase;
    case 'end-requested':
      // From failed too: an encoder that gave up leaves the stream open on the server until it is ended.
      return isOnAir(phase) || phase.state === 'failed' ? { state: 'ending', reason: null } : phase;
    case 'finished':
      // Only a push under way comes to its end; once ending, the creator's End is under way already.
      return isOnAir(phase) ? { state: 'ending', reason: PLAYED_TO_ITS_END } : phase;
    case 'stopped':
      if (phase.state === 'ending') return { state: 'stopped', reason: phase.reason };
      return isOnAir(phase) ? { state: 'stopped', reason: null } : phase;
    case 'failed':
      return phase.state === 'idle' || phase.state === 'stopped'
        ? phase
        : { state: 'failed', reason: event.reason };
  }
}
