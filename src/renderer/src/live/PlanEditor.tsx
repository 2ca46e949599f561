import { useEffect, useRef, useState, type FormEvent } from 'react';
import { syncNotice } from '../forms/sync-notice';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall, type Notice } from '../forms/use-studio-call';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import type { LocalStream } from '../../../main/studio/live/stream-table';
import { checkPlanForm, type LiveForm, type LiveFormErrors } from './live-form';
import { plansStored } from './live-slice';
import { planEditFormOf } from './plan-edit';
import { StreamAudienceFields, StreamStartField } from './StreamPlanFields';

const SAVED = {
  done: 'Saved: fans see the change on your page.',
  waiting: 'Saved: your page shows it once the studio is back online.',
};

/**
 * A planned stream's title, audience and start, filled in as the studio holds them, saved with `live.editPlan`
 * (offline too: the change reaches the server through sync), the answer shown in the list at once. `onSaved`
 * closes it with what to say; `onCancel` closes it unchanged.
 */
export function PlanEditor({
  accountId,
  stream,
  onSaved,
  onCancel,
}: {
  accountId: string;
  stream: LocalStream;
  onSaved: (notice: Notice) => void;
  onCancel: () => void;
}) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const [form, setForm] = useState<LiveForm>(() => planEditFormOf(stream));
  const call = useStudioCall<'save'>();
  const { errors, passed } = useCheckedForm<LiveFormErrors>(call.fail);
  const change = (update: Partial<LiveForm>) => setForm({ ...form, ...update });
  const opened = useRef<HTMLFormElement>(null);
  // Opening the editor moves the keyboard to its first field, as a dialog would.
  useEffect(() => {
    opened.current?.querySelector('input')?.focus();
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = passed(checkPlanForm(form));
    if (!checked) return;
    const saved = await call.run(
      'save',
      () => client.live.editPlan.mutate({ accountId, id: stream.id, plan: checked.plan }),
      (result) => syncNotice(SAVED, result.syncState, connection),
    );
    if (!saved) return;
    dispatch(plansStored({ accountId, streams: [saved] }));
    onSaved(syncNotice(SAVED, saved.syncState, connection));
  }

  return (
    <form
      ref={opened}
      className="form live-plan-editor"
      onSubmit={save}
      noValidate
      aria-label={`Edit “${stream.title}”`}
    >
      {stream.access === null && (
        <p className="muted small">
          Who can watch was set on the web with a rule this form does not offer: saving sets the one chosen
          here.
        </p>
      )}
      <StreamAudienceFields form={form} errors={errors} change={change} />
      <StreamStartField form={form} errors={errors} change={change} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={call.busy !== null}>
          {call.busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" disabled={call.busy !== null} onClick={onCancel}>
          Cancel
        </button>
      </div>
      <CallOutcome failure={call.failure} notice={null} />
    </form>
  );
}
