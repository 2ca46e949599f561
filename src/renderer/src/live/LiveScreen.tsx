import { useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { ChatSettingsForm } from './ChatSettingsForm';
import { GoLiveForm } from './GoLiveForm';
import { LiveChat } from './LiveChat';
import { LivePreview } from './LivePreview';
import { PlannedStreams } from './PlannedStreams';
import { LiveStatus } from './LiveStatus';
import { RecordingPublish } from './RecordingPublish';
import { TipAlerts } from './TipAlerts';
import './live.css';

const RESTING = new Set(['idle', 'stopped']);

/**
 * Live: set up a stream (title, who can watch, sources, quality), Go live, follow its state, health, viewers,
 * chat and tips while on air, End it, then publish the recording as a post.
 */
export function LiveScreen() {
  const account = useAppSelector((state) => activeAccount(state.studio));
  const snapshot = useAppSelector((state) => state.live.snapshot);
  const error = useAppSelector((state) => state.live.error);
  if (!account) {
    return (
      <section className="live">
        <h1 id="screen-title">Live</h1>
        <p className="muted">Sign in with a creator account (under Accounts) to go live.</p>
      </section>
    );
  }
  const phase = snapshot?.phase.state ?? 'idle';
  // A failed session keeps its status (and End) on screen; the form comes back once it is stopped.
  const showForm = RESTING.has(phase);
  return (
    <section className="live">
      <header className="screen-header">
        <h1 id="screen-title">Live</h1>
      </header>
      {error !== null && (
        <p className="form-error" role="alert">
          The live session could not be loaded: {error}
        </p>
      )}
      <TipAlerts />
      <div className="live-columns">
        <div className="live-main">
          {snapshot && !showForm && <LiveStatus accountId={account.id} snapshot={snapshot} />}
          {snapshot?.recording && (
            <RecordingPublish
              key={snapshot.recording.path}
              accountId={account.id}
              title={snapshot.recording.title}
            />
          )}
          {showForm && (
            <GoLiveForm key={account.id} accountId={account.id} online={snapshot?.online ?? false} />
          )}
          {showForm && <PlannedStreams key={`plans:${account.id}`} accountId={account.id} />}
          {showForm && <ChatSettingsForm key={`chat:${account.id}`} accountId={account.id} />}
          <LivePreview watchUrl={showForm ? null : (snapshot?.watchUrl ?? null)} />
        </div>
        <LiveChat accountId={account.id} onAir={!showForm} />
      </div>
    </section>
  );
}
