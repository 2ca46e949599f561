import { useState, type FormEvent } from 'react';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { LocalTipSettings } from '@shared/domain/tips/local-tip-settings';
import { tipSettingsDraftOf, type TipSettingsSnapshot } from '@shared/domain/tips/tip-settings';
import { money } from '../earnings/earnings-format';
import { Field } from '../forms/Field';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { SyncBadge } from '../shell/SyncBadge';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { SyncConflict, type ConflictSide } from '../shell/SyncConflict';
import { offerNotice, type OfferAction } from './offer-words';
import { tipSettingsStored } from './offers-slice';
import {
  canAddPreset,
  checkTipSettingsForm,
  tipSettingsFormOf,
  type TipSettingsForm,
  type TipSettingsFormErrors,
} from './tip-settings-form';

const sideOf = (heading: string, settings: TipSettingsSnapshot): ConflictSide => ({
  heading,
  facts: [
    ['Smallest tip', money('USD', settings.minimum)],
    ['Presets', settings.presets.map((p) => money('USD', p)).join(', ') || 'None'],
    ['Goal', settings.goal ? `${settings.goal.title}: ${money('USD', settings.goal.amount)}` : 'None'],
  ],
});

/** The tip settings form: the stored settings (following their changes) until the creator types. */
function TipSettingsEditor({ accountId, settings }: { accountId: string; settings: LocalTipSettings }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  // What was typed since the last save; null shows the settings as stored.
  const [edits, setEdits] = useState<TipSettingsForm | null>(null);
  const form = edits ?? tipSettingsFormOf(tipSettingsDraftOf(settings));
  const call = useStudioCall<OfferAction>();
  const { errors, passed } = useCheckedForm<TipSettingsFormErrors>(call.fail);
  const busy = call.busy !== null;
  const change = (update: Partial<TipSettingsForm>) => {
    setEdits({ ...form, ...update });
    call.setNotice(null);
  };
  const changePreset = (index: number, text: string) =>
    change({ presets: form.presets.map((preset, i) => (i === index ? text : preset)) });

  async function run(action: OfferAction, request: () => Promise<LocalTipSettings>) {
    const stored = await call.run(action, request, (result) =>
      offerNotice(action, result.syncState, connection),
    );
    if (!stored) return;
    dispatch(tipSettingsStored({ accountId, tipSettings: stored }));
    setEdits(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = passed(checkTipSettingsForm(form));
    if (!checked) return;
    await run('save', () => client.offers.updateTipSettings.mutate({ accountId, draft: checked.draft }));
  }

  const keep = (choice: ConflictChoice) =>
    run(choice === 'mine' ? 'keep-mine' : 'keep-server', () =>
      client.offers.resolveTipSettingsConflict.mutate({ accountId, keep: choice }),
    );

  return (
    <form className="form" onSubmit={save} noValidate aria-labelledby="tips-title">
      {settings.syncState === 'conflict' && settings.serverVersion && (
        <SyncConflict
          title="Your tip settings changed on the server too"
          mine={sideOf('Your version', settings)}
          server={sideOf("Server's version", settings.serverVersion)}
          busy={busy}
          onKeep={(choice) => void keep(choice)}
        />
      )}
      {settings.syncState === 'rejected' && (
        <p className="form-error" role="alert">
          The server refused the last change: {settings.syncError ?? 'no reason given'}. Edit and save again.
        </p>
      )}
      <Field label="Smallest tip ($)" error={errors.minimum} hint={{ text: 'At least $0.50.' }}>
        {(id, errorLink) => (
          <input
            id={id}
            inputMode="decimal"
            value={form.minimum}
            onChange={(e) => change({ minimum: e.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <fieldset className="offer-presets">
        <legend>Preset amounts ($)</legend>
        <p className="muted small">The buttons fans see first in the tip dialog, up to six.</p>
        {form.presets.map((preset, index) => (
          <div className="field-row" key={index}>
            <Field label={`Preset ${index + 1}`}>
              {(id) => (
                <input
                  id={id}
                  inputMode="decimal"
                  value={preset}
                  onChange={(e) => changePreset(index, e.target.value)}
                  aria-invalid={errors.presets ? true : undefined}
                />
              )}
            </Field>
            <button
              type="button"
              className="button button--quiet"
              aria-label={`Remove preset ${index + 1}`}
              onClick={() => change({ presets: form.presets.filter((_, i) => i !== index) })}
            >
              Remove
            </button>
          </div>
        ))}
        {errors.presets && <p className="field-error">{errors.presets}</p>}
        {canAddPreset(form) && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => change({ presets: [...form.presets, ''] })}
          >
            Add a preset
          </button>
        )}
      </fieldset>
      <fieldset className="offer-goal">
        <legend>Tip goal</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={form.goalOn}
            onChange={(e) => change({ goalOn: e.target.checked })}
          />{' '}
          Show a tip goal on my page
        </label>
        {form.goalOn && (
          <div className="field-row">
            <div>
              <Field label="Goal title" error={errors.goalTitle}>
                {(id, errorLink) => (
                  <input
                    id={id}
                    dir="auto"
                    placeholder="New camera"
                    value={form.goalTitle}
                    onChange={(e) => change({ goalTitle: e.target.value })}
                    {...errorLink}
                  />
                )}
              </Field>
            </div>
            <div>
              <Field label="Goal amount ($)" error={errors.goalAmount}>
                {(id, errorLink) => (
                  <input
                    id={id}
                    inputMode="decimal"
                    value={form.goalAmount}
                    onChange={(e) => change({ goalAmount: e.target.value })}
                    {...errorLink}
                  />
                )}
              </Field>
            </div>
          </div>
        )}
        <p className="muted small">
          Tips count toward a goal from when it is set; a new title starts a new goal.
        </p>
      </fieldset>
      <CallOutcome failure={call.failure} notice={call.notice} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {call.busy === 'save' ? 'Saving…' : 'Save tip settings'}
        </button>
      </div>
    </form>
  );
}

/** Tips: the smallest tip, the presets and the goal fans see in the tip dialog. */
export function TipSettingsSection({ accountId }: { accountId: string }) {
  const settings = useAppSelector((state) => state.offers.tipSettings);
  return (
    <section className="card offers-section" aria-labelledby="tips-title">
      <header className="offers-section-header">
        <h2 id="tips-title">Tips</h2>
        {settings && <SyncBadge state={settings.syncState} />}
      </header>
      {settings === null ? (
        <p className="muted" role="status">
          Loading your tip settings…
        </p>
      ) : (
        <TipSettingsEditor accountId={accountId} settings={settings} />
      )}
    </section>
  );
}
