/**
 * Where the studio's live session stands, as the Live screen shows it. `starting` is the studio asking the
 * server for a key; `connecting`, `live` and `reconnecting` follow the encoder; `ending` is the clean stop
 * (encoder first, then the server). `stopped` and `failed` are where a session rests until the next Go live.
 */
export type LivePhase =
  | { readonly state: 'idle' }
  | { readonly state: 'starting' }
  | { readonly state: 'connecting' }
  | { readonly state: 'live'; readonly since: string }
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly reason: string }
  | { readonly state: 'ending' }
  | { readonly state: 'stopped' }
  | { readonly state: 'failed'; readonly reason: string };

export type LivePhaseState = LivePhase['state'];

/** What happens to a session: the creator's actions, the server's answers and the encoder's reports. */
export type LivePhaseEvent =
  | { readonly type: 'start-requested' }
  | { readonly type: 'encoder-started' }
  | { readonly type: 'publishing'; readonly at: string }
  | { readonly type: 'dropped'; readonly attempt: number; readonly reason: string }
  | { readonly type: 'end-requested' }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly reason: string };

export const IDLE: LivePhase = { state: 'idle' };

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
      return isOnAir(phase) || phase.state === 'failed' ? { state: 'ending' } : phase;
    case 'stopped':
      return phase.state === 'ending' || isOnAir(phase) ? { state: 'stopped' } : phase;
    case 'failed':
      return phase.state === 'idle' || phase.state === 'stopped'
        ? phase
        : { state: 'failed', reason: event.reason };
  }
}
