import type { LivePlayer as Player } from './useLivePlayer';

interface LivePlayerProps {
  readonly player: Player;
  readonly title: string;
}

const PHASE_WORDS = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  unsupported: 'This browser cannot play live video. Try a recent Chrome, Firefox, Edge or Safari.',
  unavailable: 'The video player could not be loaded. Check your connection.',
} as const;

/**
 * The live video: starts muted (browsers only let muted video play by itself) with an Unmute button on it, says
 * "Reconnecting…" while the player gets the stream back by itself, and offers Play when the browser refused to
 * start even muted.
 */
export function LivePlayer({ player, title }: LivePlayerProps) {
  const { phase } = player;
  const words = phase !== null && phase !== 'playing' ? PHASE_WORDS[phase] : null;
  const broken = phase === 'unsupported' || phase === 'unavailable';
  return (
    <div className="live-player">
      <video
        ref={player.ref}
        className="live-player__video"
        playsInline
        aria-label={`Live video: ${title}`}
        data-engine={player.engine ?? undefined}
        data-phase={phase ?? undefined}
      />
      {/* Said once each time it changes; silent while playing. */}
      <p className={words ? 'live-player__notice' : 'visually-hidden'} role="status">
        {words ?? ''}
      </p>
      {!broken ? (
        <div className="live-player__controls">
          {player.paused && phase === 'playing' ? (
            <button type="button" className="button button--small" onClick={player.play}>
              Play
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small live-player__mute"
            aria-pressed={!player.muted}
            onClick={player.toggleMuted}
          >
            {player.muted ? 'Unmute' : 'Mute'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
