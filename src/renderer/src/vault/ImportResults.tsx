import { useAppDispatch, useAppSelector } from '../store/hooks';
import { importsCleared, type ImportEntry } from './vault-slice';

/** One file's line: importing, in, already there, or why not. */
function resultText(entry: ImportEntry): string {
  const { outcome } = entry;
  switch (outcome.status) {
    case 'importing':
      return 'Importing…';
    case 'imported':
      return 'Imported.';
    case 'duplicate':
      return `Already in your vault: ${outcome.title}`;
    case 'failed':
      return outcome.error;
  }
}

/**
 * What became of each file imported this session, newest first: announced politely as each one ends, a
 * refused file in the error colour with its reason. Clear keeps the files still importing.
 */
export function ImportResults() {
  const dispatch = useAppDispatch();
  const imports = useAppSelector((state) => state.vault.imports);
  const settled = imports.some((entry) => entry.outcome.status !== 'importing');
  return (
    // Always on the page, so its live list announces the first file too.
    <section className="import-results" aria-label="Imported files">
      <ul aria-live="polite">
        {imports.map((entry) => (
          <li key={entry.key} className={`import-result import-result--${entry.outcome.status}`}>
            <span className="import-result__name" dir="auto">
              {entry.name}
            </span>
            <span className="import-result__text" dir="auto">
              {resultText(entry)}
            </span>
          </li>
        ))}
      </ul>
      {settled && (
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => dispatch(importsCleared())}
        >
          Clear this list
        </button>
      )}
    </section>
  );
}
