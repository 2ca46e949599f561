import { useState, type FormEvent } from 'react';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { centsOf } from '../offers/money-field';
import { postOpened } from '../posts/editor-slice';
import { screenChosen } from '../shell/navigation-slice';
import { useAppDispatch } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';

type Audience = 'public' | 'subscribers' | 'buyers';

/**
 * After the stream: "Publish recording as a post". The recording goes into the vault (processed and uploaded
 * like any import) and a post draft holding it opens on the Content screen, where the creator publishes it.
 */
export function RecordingPublish({ accountId, title }: { accountId: string; title: string }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const [postTitle, setPostTitle] = useState(title);
  const [audience, setAudience] = useState<Audience>('subscribers');
  const [price, setPrice] = useState('');
  const [priceError, setPriceError] = useState<string | undefined>(undefined);
  const call = useStudioCall<'publish'>();

  async function publish(event: FormEvent) {
    event.preventDefault();
    let cents: string | null = null;
    if (audience === 'buyers') {
      const read = centsOf(price, 'the price');
      if ('error' in read) {
        setPriceError(read.error);
        return;
      }
      cents = read.cents;
    }
    setPriceError(undefined);
    const result = await call.run(
      'publish',
      () =>
        client.live.publishRecording.mutate({
          accountId,
          title: postTitle.trim(),
          audience,
          price: cents === null ? null : { currency: 'USD', minor: cents },
        }),
      'The recording is in your vault, and its post draft is open in Content.',
    );
    if (!result) return;
    dispatch(screenChosen('content'));
    dispatch(postOpened(result.post));
  }

  return (
    <form
      className="card form live-recording"
      onSubmit={publish}
      noValidate
      aria-labelledby="recording-title"
    >
      <h2 id="recording-title">Your recording</h2>
      <p className="muted">
        The stream was recorded on this computer. Publish it as a post for fans who missed it.
      </p>
      <Field label="Post title">
        {(id) => <input id={id} value={postTitle} onChange={(e) => setPostTitle(e.target.value)} />}
      </Field>
      <Field label="Who can see it">
        {(id) => (
          <select id={id} value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            <option value="public">Everyone</option>
            <option value="subscribers">Subscribers</option>
            <option value="buyers">Pay-per-view (buyers)</option>
          </select>
        )}
      </Field>
      {audience === 'buyers' && (
        <Field label="Price (USD)" error={priceError}>
          {(id, link) => (
            <input
              id={id}
              inputMode="decimal"
              placeholder="4.99"
              value={price}
              onChange={(e) => setPrice(e.target.value)}
              {...link}
            />
          )}
        </Field>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={call.busy !== null}>
          {call.busy === 'publish' ? 'Publishing…' : 'Publish recording as a post'}
        </button>
      </div>
      <CallOutcome failure={call.failure} notice={call.notice} />
    </form>
  );
}
