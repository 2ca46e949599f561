import { useEffect, useState, type FormEvent } from 'react';
import { LIVE_PRESET_IDS, LIVE_PRESETS, type LiveVideoEncoder } from '@shared/domain/live/presets';
import { Field } from '../forms/Field';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { audienceWords } from './live-plans';
import { plansStored } from './live-slice';
import { StreamAudienceFields, StreamStartField } from './StreamPlanFields';
import {
  checkLiveForm,
  checkPlanForm,
  checkSetupForm,
  NEW_LIVE_FORM,
  type LiveForm,
  type LiveFormErrors,
} from './live-form';

const ENCODER_LABELS: Record<LiveVideoEncoder, string> = {
  libx264: 'x264 (software)',
  h264_nvenc: 'NVIDIA NVENC',
  h264_videotoolbox: 'Apple VideoToolbox',
  h264_qsv: 'Intel Quick Sync',
  h264_vaapi: 'VA-API',
  h264_amf: 'AMD AMF',
};

const FIX_THEN_GO_LIVE = 'Fix the fields marked above, then press Go live again.';

/** The custom quality's fields, in the order they are read. */
const CUSTOM_INPUTS = [
  { field: 'customWidth', label: 'Width (pixels)' },
  { field: 'customHeight', label: 'Height (pixels)' },
  { field: 'customFps', label: 'Frame rate (fps)' },
  { field: 'customVideoKbps', label: 'Video bitrate (kbit/s)' },
  { field: 'customAudioKbps', label: 'Audio bitrate (kbit/s)' },
] as const;

/**
 * The stream's title and audience, what to capture and how to encode it, and Go live (on a new stream or one
 * planned earlier); or, with a start time, Plan for later (kept in the studio, offline too, and sent to the
 * server once).
 */
export function GoLiveForm({ accountId, online }: { accountId: string; online: boolean }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const devices = useAppSelector((state) => state.live.devices);
  /** The streams planned earlier that Go live may start instead of a new one. */
  const planned = (useAppSelector((state) => state.live.plans) ?? []).filter(
    (stream) => stream.status === 'scheduled',
  );
  const [form, setForm] = useState<LiveForm>(NEW_LIVE_FORM);
  const call = useStudioCall<'go-live' | 'plan'>();
  const { errors, passed } = useCheckedForm<LiveFormErrors>(call.fail);
  const change = (update: Partial<LiveForm>) => setForm({ ...form, ...update });
  /** The planned stream Go live starts; null: a new stream from the fields below. */
  const [plannedId, setPlannedId] = useState('');
  /** The account's vault videos a stream can play (null while asked; a failure leaves the list empty). */
  const [videos, setVideos] = useState<readonly { id: string; title: string }[] | null>(null);
  useEffect(() => {
    let current = true;
    client.live.vaultVideos.query({ accountId }).then(
      (found) => current && setVideos(found),
      () => current && setVideos([]),
    );
    return () => {
      current = false;
    };
  }, [client, accountId]);
  const chosen = planned.find((stream) => stream.id === plannedId) ?? null;

  async function goLive(event: FormEvent) {
    event.preventDefault();
    if (chosen) {
      const setupChecked = passed(checkSetupForm(form), FIX_THEN_GO_LIVE);
      if (!setupChecked) return;
      await call.run(
        'go-live',
        () => client.live.goLive.mutate({ accountId, plannedId: chosen.id, setup: setupChecked.setup }),
        'Going live: your stream key is in use.',
      );
      return;
    }
    const checked = passed(checkLiveForm(form), FIX_THEN_GO_LIVE);
    if (!checked) return;
    await call.run(
      'go-live',
      () => client.live.goLive.mutate({ accountId, plan: checked.plan, setup: checked.setup }),
      'Going live: your stream key is in use.',
    );
  }

  async function planForLater() {
    const checked = passed(
      checkPlanForm(form),
      'Fix the fields marked above, then press Plan for later again.',
    );
    if (!checked) return;
    const scheduled = await call.run(
      'plan',
      () => client.live.schedule.mutate({ accountId, plan: checked.plan }),
      (stream) =>
        stream.syncState === 'pending' && !online
          ? { text: 'Planned: it reaches your page once the studio is back online.', tone: 'waiting' }
          : { text: 'Planned: fans see it on your page as upcoming.', tone: 'done' },
    );
    if (scheduled) {
      setForm({ ...form, title: '', plannedFor: '' });
      dispatch(plansStored({ accountId, streams: [scheduled] }));
    }
  }

  const audioOnly = form.preset === 'audio-only';
  return (
    <form className="card form live-form" onSubmit={goLive} noValidate aria-labelledby="go-live-title">
      <h2 id="go-live-title">New stream</h2>
      {planned.length > 0 && (
        <Field label="Go live on">
          {(id) => (
            <select id={id} value={plannedId} onChange={(e) => setPlannedId(e.target.value)}>
              <option value="">A new stream</option>
              {planned.map((stream) => (
                <option key={stream.id} value={stream.id}>
                  Planned: {stream.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {chosen ? (
        <p className="muted">
          “{chosen.title}” goes live as planned, for {audienceWords(chosen)}: choose its sources and quality
          below.
        </p>
      ) : (
        <StreamAudienceFields form={form} errors={errors} change={change} />
      )}

      <fieldset className="live-sources">
        <legend>Sources</legend>
        <Field label="Picture" error={errors.picture}>
          {(id, link) => (
            <select
              id={id}
              value={form.picture}
              onChange={(e) => change({ picture: e.target.value })}
              {...link}
            >
              <option value="test-pattern">Test pattern with tone</option>
              {devices?.cameras.map((camera) => (
                <option key={camera.id} value={`camera:${camera.id}`}>
                  Camera: {camera.name}
                </option>
              ))}
              {devices?.screens.map((screen) => (
                <option key={screen.id} value={`screen:${screen.id}`}>
                  Screen: {screen.name}
                </option>
              ))}
              {videos?.map((video) => (
                <option key={video.id} value={`vault:${video.id}`}>
                  Video from the vault: {video.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.picture.startsWith('vault:') && (
          <label className="check">
            <input type="checkbox" checked={form.loop} onChange={(e) => change({ loop: e.target.checked })} />{' '}
            Play the video again when it ends
          </label>
        )}
        {(form.picture.startsWith('camera:') || form.picture.startsWith('screen:')) && (
          <Field label="Microphone" error={errors.microphone}>
            {(id, link) => (
              <select
                id={id}
                value={form.microphone}
                onChange={(e) => change({ microphone: e.target.value })}
                {...link}
              >
                <option value="">No microphone</option>
                {devices?.microphones.map((microphone) => (
                  <option key={microphone.id} value={microphone.id}>
                    {microphone.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <p className="muted small" aria-live="polite">
          {devices === null
            ? 'Looking for cameras, screens and microphones…'
            : `Devices found on this computer (${devices.platform}): ${devices.cameras.length} camera(s), ${devices.screens.length} screen(s), ${devices.microphones.length} microphone(s).`}
        </p>
        {devices?.problems.map((problem) => (
          <p key={problem} className="muted small">
            {problem}
          </p>
        ))}
      </fieldset>

      <div className="field-row">
        <Field label="Quality" error={errors.preset}>
          {(id, link) => (
            <select
              id={id}
              value={form.preset}
              onChange={(e) => change({ preset: e.target.value as LiveForm['preset'] })}
              {...link}
            >
              {LIVE_PRESET_IDS.map((preset) => (
                <option key={preset} value={preset}>
                  {LIVE_PRESETS[preset].label}
                </option>
              ))}
              <option value="custom">Custom…</option>
            </select>
          )}
        </Field>
        {!audioOnly && (
          <Field label="Video encoder">
            {(id) => (
              <select
                id={id}
                value={form.videoEncoder}
                onChange={(e) => change({ videoEncoder: e.target.value as LiveForm['videoEncoder'] })}
              >
                <option value="auto">
                  Best available{devices ? ` (${ENCODER_LABELS[devices.bestEncoder]})` : ''}
                </option>
                <option value="libx264">{ENCODER_LABELS.libx264}</option>
                {devices?.hardwareEncoders.map((encoder) => (
                  <option key={encoder} value={encoder}>
                    {ENCODER_LABELS[encoder]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {form.preset === 'custom' && (
        <fieldset className="field-row live-custom">
          <legend>Custom quality</legend>
          {CUSTOM_INPUTS.map(({ field, label }) => (
            <Field key={field} label={label} error={errors[field]}>
              {(id, link) => (
                <input
                  id={id}
                  inputMode="numeric"
                  value={form[field]}
                  onChange={(e) => change({ [field]: e.target.value })}
                  {...link}
                />
              )}
            </Field>
          ))}
        </fieldset>
      )}

      {!chosen && (
        <fieldset className="live-plan">
          <legend>Plan for later</legend>
          <StreamStartField form={form} errors={errors} change={change} />
          <button
            type="button"
            className="button"
            disabled={call.busy !== null}
            onClick={() => void planForLater()}
          >
            {call.busy === 'plan' ? 'Planning…' : 'Plan for later'}
          </button>
        </fieldset>
      )}

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={call.busy !== null || !online}>
          {call.busy === 'go-live' ? 'Going live…' : 'Go live'}
        </button>
        {!online && (
          <span className="button-note">Going live needs this account connected to its server.</span>
        )}
      </div>
      <CallOutcome failure={call.failure} notice={call.notice} />
    </form>
  );
}
