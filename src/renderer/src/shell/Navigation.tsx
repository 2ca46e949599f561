import { useAppDispatch, useAppSelector } from '../store/hooks';
import { postsNeedingAttention } from '../store/posts-slice';
import { SCREENS, screenChosen } from '../store/ui-slice';

/** The left navigation: one button per screen; the current one is marked for assistive technology. */
export function Navigation() {
  const dispatch = useAppDispatch();
  const current = useAppSelector((state) => state.ui.screen);
  const attention = useAppSelector((state) => postsNeedingAttention(state.posts));
  return (
    <nav className="nav" aria-label="Studio">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">M</span> Mesi Studio
      </div>
      <ul>
        {SCREENS.map((screen) => (
          <li key={screen.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === screen.id ? 'page' : undefined}
              onClick={() => dispatch(screenChosen(screen.id))}
            >
              {screen.label}
              {screen.id === 'content' && attention > 0 && (
                <span className="nav-count" aria-label={`, ${attention} need attention`}>
                  {attention}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
