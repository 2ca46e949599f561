import { useMemo } from 'react';
import { Field } from '../forms/Field';
import { useAppDispatch } from '../store/hooks';
import { scheduleChanged, type EditorState } from './editor-slice';
import { checkWallTime, EXPIRY_WORDS, PUBLISH_WORDS, timeZoneChoices, zoneName } from './schedule-field';

export const PUBLISH_AT_ID = 'post-publish-at';
export const EXPIRES_AT_ID = 'post-expires-at';

/**
 * When the post goes out and, optionally, when fans stop seeing it: date-time fields in the creator's time zone,
 * named under them and changeable (a post keeps the zone it was scheduled in). A time the clocks skip or repeat,
 * or one already passed, is said under its field.
 */
export function ScheduleSection({
  editor,
  errors,
}: {
  editor: Pick<EditorState, 'publishAt' | 'expiresAt' | 'timeZone'>;
  errors: { readonly publishAt?: string | undefined; readonly expiresAt?: string | undefined };
}) {
  const dispatch = useAppDispatch();
  const zones = useMemo(() => timeZoneChoices(editor.timeZone), [editor.timeZone]);
  const now = new Date();
  const publish = checkWallTime(editor.publishAt, editor.timeZone, now, PUBLISH_WORDS);
  const expiry = checkWallTime(editor.expiresAt, editor.timeZone, now, EXPIRY_WORDS);
  const publishNote = publish.ok ? publish.note : null;
  const expiryNote = expiry.ok ? expiry.note : null;

  return (
    <fieldset className="post-schedule">
      <legend>Schedule</legend>
      <div className="post-schedule__row">
        <Field
          label="Publish at (optional)"
          id={PUBLISH_AT_ID}
          error={errors.publishAt}
          hint={{
            text:
              publishNote ??
              (editor.publishAt === ''
                ? 'Empty: the post goes out when you press Publish.'
                : 'It goes out at this time once scheduled.'),
          }}
        >
          {(id, errorLink) => (
            <input
              id={id}
              type="datetime-local"
              value={editor.publishAt}
              onChange={(event) => dispatch(scheduleChanged({ publishAt: event.target.value }))}
              {...errorLink}
            />
          )}
        </Field>
        {editor.publishAt !== '' && (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label="Clear the publish time"
            onClick={() => dispatch(scheduleChanged({ publishAt: '' }))}
          >
            Clear
          </button>
        )}
      </div>
      <div className="post-schedule__row">
        <Field
          label="Expires at (optional)"
          id={EXPIRES_AT_ID}
          error={errors.expiresAt}
          hint={{
            text:
              expiryNote ??
              (editor.expiresAt === ''
                ? 'Empty: fans can see it for as long as it is published.'
                : 'Fans stop seeing it at this time.'),
          }}
        >
          {(id, errorLink) => (
            <input
              id={id}
              type="datetime-local"
              value={editor.expiresAt}
              onChange={(event) => dispatch(scheduleChanged({ expiresAt: event.target.value }))}
              {...errorLink}
            />
          )}
        </Field>
        {editor.expiresAt !== '' && (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label="Clear the expiry"
            onClick={() => dispatch(scheduleChanged({ expiresAt: '' }))}
          >
            Clear
          </button>
        )}
      </div>
      <Field
        label="Time zone"
        id="post-time-zone"
        hint={{ text: `Times are in ${zoneName(editor.timeZone, now)}.` }}
      >
        {(id, errorLink) => (
          <select
            id={id}
            value={editor.timeZone}
            onChange={(event) => dispatch(scheduleChanged({ timeZone: event.target.value }))}
            {...errorLink}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
