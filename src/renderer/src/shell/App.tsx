import { AccountsScreen } from '../accounts/AccountsScreen';
import { ContentScreen } from '../content/ContentScreen';
import { useAppSelector } from '../store/hooks';
import { Navigation } from './Navigation';
import { PlannedScreen } from './PlannedScreen';
import { StatusBar } from './StatusBar';

/** The studio window: navigation on the left, the chosen screen, the status bar at the bottom. */
export function App() {
  const screen = useAppSelector((state) => state.ui.screen);
  return (
    <div className="app">
      <Navigation />
      <main className="screen" aria-labelledby="screen-title">
        {screen === 'content' && <ContentScreen />}
        {screen === 'accounts' && <AccountsScreen />}
        {screen === 'live' && (
          <PlannedScreen title="Live">
            Go live from the studio: pick a camera, microphone and scene, set who may watch (everyone,
            subscribers or a ticket), and stream to your fans with live chat, tips and moderation. The studio
            also records the stream so you can publish it as a post afterwards. Live streaming comes in a
            later release.
          </PlannedScreen>
        )}
        {screen === 'messages' && (
          <PlannedScreen title="Messages">
            Your fans&apos; direct messages in one inbox that works offline, with full-text search, paid
            messages and mass messages to segments such as all subscribers or recent tippers. You decide who
            may write to you. Messages come in a later release.
          </PlannedScreen>
        )}
        {screen === 'calendar' && (
          <PlannedScreen title="Calendar">
            Plan streams and releases, and publish Bid-to-Meet slots from your availability, with no double
            bookings and reminders for you and the fan. The calendar comes in a later release.
          </PlannedScreen>
        )}
        {screen === 'earnings' && (
          <PlannedScreen title="Earnings">
            What you earn from subscriptions, pay-per-view, tips, bids and gallery rewards, per day and per
            source, after the platform fee, with a CSV export. Earnings come in a later release.
          </PlannedScreen>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
