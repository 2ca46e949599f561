import { useCallback, useState } from 'react';
import { errorMessage } from '../errors/error-message';

/**
 * What a call did, in words: `done` (green) when it is done, `waiting` (neutral) when it is kept here and
 * takes effect later (saved offline, published once the studio is back online).
 */
export interface Notice {
  readonly text: string;
  readonly tone: 'done' | 'waiting';
}

/**
 * One studio call at a time from a form: which one is under way (`busy`), what went wrong in words
 * (`failure`), and what was done (`notice`). `run` resolves with the call's result, or null when it failed;
 * its `done` is the notice, or a function of the result giving it.
 */
export function useStudioCall<Action extends string>() {
  const [busy, setBusy] = useState<Action | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const run = useCallback(
    async <T,>(
      action: Action,
      call: () => Promise<T>,
      done: string | ((result: T) => Notice),
    ): Promise<T | null> => {
      setBusy(action);
      setFailure(null);
      setNotice(null);
      try {
        const result = await call();
        setNotice(typeof done === 'string' ? { text: done, tone: 'done' } : done(result));
        return result;
      } catch (error) {
        setFailure(errorMessage(error));
        return null;
      } finally {
        setBusy(null);
      }
    },
    [],
  );

  return { busy, failure, notice, run, fail: setFailure, setNotice };
}

/** The outcome of a form's last call: the failure as an alert, the notice announced politely. */
export function CallOutcome({ failure, notice }: { failure: string | null; notice: Notice | null }) {
  return (
    <>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <p className={`notice${notice?.tone === 'waiting' ? ' notice--waiting' : ''}`} aria-live="polite">
        {notice?.text}
      </p>
    </>
  );
}
