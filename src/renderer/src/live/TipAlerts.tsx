import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { shownTipAlerts, tipAlertDismissed } from './live-slice';
import { tipWords } from './live-words';

/** How long a tip alert stays before it goes by itself. */
const ALERT_MS = 8_000;

/** A highlighted toast for each tip, oldest first; each goes after a few seconds or when dismissed. */
export function TipAlerts() {
  const dispatch = useAppDispatch();
  const alerts = useAppSelector((state) => shownTipAlerts(state.live));
  const firstId = alerts[0]?.id;
  useEffect(() => {
    if (firstId === undefined) return;
    const timer = setTimeout(() => dispatch(tipAlertDismissed(firstId)), ALERT_MS);
    return () => clearTimeout(timer);
  }, [dispatch, firstId]);
  return (
    <div className="tip-alerts" role="status" aria-live="polite">
      {alerts.map((line) => (
        <div key={line.id} className="tip-alert">
          <strong>{tipWords(line.authorName, line.tip)}</strong>
          {line.text !== '' && <span className="tip-alert-text">{line.text}</span>}
          <button
            type="button"
            className="button button--quiet"
            aria-label={`Dismiss the tip alert from ${line.authorName}`}
            onClick={() => dispatch(tipAlertDismissed(line.id))}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
