import { useAppDispatch, useAppSelector } from '../store/hooks';
import type { RootState } from '../store/store';
import { screenChosen } from './navigation-slice';
import type { ScreenDefinition } from './screen';
import { SCREENS } from './screens';

function NavigationItem({ screen, current }: { screen: ScreenDefinition; current: boolean }) {
  const dispatch = useAppDispatch();
  const attention = useAppSelector((state: RootState) => screen.attention?.(state) ?? 0);
  const unsaved = useAppSelector((state: RootState) => screen.unsaved?.(state) ?? false);
  return (
    <li>
      <button
        type="button"
        className="nav-item"
        aria-current={current ? 'page' : undefined}
        onClick={() => dispatch(screenChosen(screen.id))}
      >
        {screen.label}
        {(unsaved || attention > 0) && (
          <span className="nav-marks">
            {unsaved && (
              // Edits left on this screen wait there, as a post's draft waits in its row ("Unsaved changes").
              <span className="nav-unsaved">
                Unsaved<span className="sr-only"> changes</span>
              </span>
            )}
            {attention > 0 && (
              <span className="nav-count" aria-label={`, ${attention} need attention`}>
                {attention}
              </span>
            )}
          </span>
        )}
      </button>
    </li>
  );
}

/** The left navigation: one button per screen of the registry; the current one is marked for assistive technology. */
export function Navigation() {
  const current = useAppSelector((state) => state.navigation.screen);
  return (
    <nav className="nav" aria-label="Studio">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">M</span> Mesi Studio
      </div>
      <ul>
        {SCREENS.map((screen) => (
          <NavigationItem key={screen.id} screen={screen} current={current === screen.id} />
        ))}
      </ul>
    </nav>
  );
}
