import { useAppSelector } from '../store/hooks';
import { Navigation } from './Navigation';
import { SCREENS } from './screens';
import { StatusBar } from './StatusBar';
import { StartupError } from './StartupError';
import { TOKEN_REFUSED } from './startup-messages';
import { useUnsavedChangesGuard } from './use-unsaved-guard';

/** The studio window: navigation on the left, the chosen screen, the status bar at the bottom. */
export function App() {
  const chosen = useAppSelector((state) => state.navigation.screen);
  const tokenRefused = useAppSelector((state) => state.studio.tokenRefused);
  useUnsavedChangesGuard();
  // The browser-mode token stopped working (the studio restarted with a new one): nothing here can work.
  if (tokenRefused) return <StartupError {...TOKEN_REFUSED} />;
  const Screen = (SCREENS.find((screen) => screen.id === chosen) ?? SCREENS[0]!).Component;
  return (
    <div className="app">
      <Navigation />
      <main className="screen" aria-labelledby="screen-title">
        <Screen />
      </main>
      <StatusBar />
    </div>
  );
}
