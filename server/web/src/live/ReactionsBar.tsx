import { REACTIONS } from '@shared/domain/live/reactions';
import { floatLabel, type ReactionFloats } from './reaction-floats';

const REACTION_NAMES: Readonly<Record<(typeof REACTIONS)[number], string>> = {
  '❤️': 'Love',
  '😂': 'Laugh',
  '🔥': 'Fire',
  '👏': 'Applause',
  '😮': 'Wow',
  '🎉': 'Celebrate',
};

interface ReactionsBarProps {
  readonly floats: ReactionFloats;
  /** Null when the viewer cannot react (signed out): the bar shows what others send, and no buttons. */
  readonly onReact: ((reaction: (typeof REACTIONS)[number]) => void) | null;
  readonly error: string | null;
}

/**
 * The reactions: a button per emoji, and over them the counts floating up as everyone's reactions arrive (one
 * sum per second from the server). The floats are decoration for sighted viewers: screen readers are spared a
 * running count.
 */
export function ReactionsBar({ floats, onReact, error }: ReactionsBarProps) {
  return (
    <div className="reactions">
      <div className="reactions__floats" aria-hidden="true">
        {floats.floats.map((float) => (
          <span
            key={float.id}
            className="reactions__float"
            style={{
              left: `${(REACTIONS.indexOf(float.emoji as (typeof REACTIONS)[number]) + 0.5) * (100 / REACTIONS.length)}%`,
            }}
          >
            {floatLabel(float)}
          </span>
        ))}
      </div>
      {onReact ? (
        <div className="reactions__bar" role="group" aria-label="React">
          {REACTIONS.map((reaction) => (
            <button
              key={reaction}
              type="button"
              className="reactions__button"
              aria-label={REACTION_NAMES[reaction]}
              title={REACTION_NAMES[reaction]}
              onClick={() => onReact(reaction)}
            >
              <span aria-hidden="true">{reaction}</span>
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="reactions__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
