import { useCallback, useState } from 'react';
import { errorMessage } from '../errors/error-message';

/**
 * One studio call at a time from a form: which one is under way (`busy`), what went wrong in words
 * (`failure`), and what was done (`notice`). `run` resolves with the call's result, or null when it failed.
 */
export function useStudioCall<Action extends string>() {
  const [busy, setBusy] = useState<Action | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = useCallback(
    async <T,>(action: Action, call: () => Promise<T>, done: string): Promise<T | null> => {
      setBusy(action);
      setFailure(null);
      setNotice(null);
      try {
        const result = await call();
        setNotice(done);
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
export function CallOutcome({ failure, notice }: { failure: string | null; notice: string | null }) {
  return (
    <>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <p className="notice" aria-live="polite">
        {notice}
      </p>
    </>
  );
}
