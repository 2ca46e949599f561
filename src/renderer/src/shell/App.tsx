import { useAppSelector } from '../store/hooks';
import { Navigation } from './Navigation';
import { SCREENS } from './screens';
import { StatusBar } from './StatusBar';

/** The studio window: navigation on the left, the chosen screen, the status bar at the bottom. */
export function App() {
  const chosen = useAppSelector((state) => state.navigation.screen);
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
