import { handleSchema } from '@shared/domain/accounts/account-fields';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { TextField } from '../account/TextField';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { creatorPath } from '../routing/paths';

/** What Mesi is, and a quick way to a creator's page. */
export function HomePage() {
  useDocumentTitle(null);
  const navigate = useNavigate();
  const [handle, setHandle] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const go = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wanted = handleSchema.safeParse(handle);
    if (!wanted.success) {
      setError('Enter a creator handle: 3 to 30 letters, digits or underscores.');
      return;
    }
    void navigate(creatorPath(wanted.data));
  };

  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">Closer to the creators you love.</h1>
        <p className="hero__lead">
          Mesi is where creators publish for the people who follow them. Follow a creator for free to read
          their followers-only posts; everything public is open to everyone.
        </p>
      </section>
      <section className="card go-to-creator" aria-labelledby="go-to-creator-title">
        <h2 id="go-to-creator-title">Go to a creator</h2>
        <form className="go-to-creator__form" noValidate onSubmit={go}>
          <TextField
            label="Handle"
            placeholder="e.g. ana_draws"
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            value={handle}
            onChange={(value) => {
              setHandle(value);
              setError(undefined);
            }}
            error={error}
          />
          <button type="submit" className="button button--primary">
            Go
          </button>
        </form>
      </section>
    </div>
  );
}
