import type { StartupMessage } from './startup-messages';

/**
 * Shown instead of the studio when it cannot work at all (browser mode opened without its token, or with a
 * wrong one): what happened and what to do, on the whole page, at once.
 */
export function StartupError({ title, message, steps }: StartupMessage) {
  return (
    <main className="startup-error" aria-labelledby="startup-error-title">
      <h1 id="startup-error-title">{title}</h1>
      <p role="alert">{message}</p>
      {steps.length > 0 && (
        <>
          <h2>What to do</h2>
          <ol>
            {steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
    </main>
  );
}
