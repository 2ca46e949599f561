import type { FormEvent } from 'react';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import { BIO_MAX, type ProfileLink, type ProfileSnapshot } from '@shared/domain/profile/profile';
import { SyncConflict, type ConflictSide } from '../shell/SyncConflict';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { AccountSummary } from '@shared/domain/sync/status';
import { Field } from '../forms/Field';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { SyncBadge } from '../shell/SyncBadge';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { useStudioClient } from '../transport/client-context';
import {
  canAddLink,
  checkProfileForm,
  formOf,
  type ProfileForm,
  type ProfileFormErrors,
} from './profile-form';
import { profileNotice, type ProfileAction } from './profile-notices';
import {
  hasUnsavedProfile,
  profileDraft,
  profileEdited,
  profileEditsDropped,
  profileStored,
} from './profile-slice';
import { ProfilePreview } from './ProfilePreview';

/** Profile: what fans see at the top of the creator's page, edited here offline or online. */
export function ProfileScreen() {
  const account = useAppSelector((state) => activeAccount(state.studio));
  const { profile, error } = useAppSelector((state) => state.profile);
  const unsaved = useAppSelector((state) => hasUnsavedProfile(state.profile));
  if (!account) {
    return (
      <section className="profile">
        <h1 id="screen-title">Profile</h1>
        <p className="muted">Sign in with a creator account (under Accounts) to edit your public profile.</p>
      </section>
    );
  }
  return (
    <section className="profile">
      <header className="screen-header">
        <h1 id="screen-title">Profile</h1>
        {profile && <SyncBadge state={profile.syncState} />}
        {unsaved && <span className="badge badge--unsaved">Unsaved changes</span>}
      </header>
      {error !== null && (
        <p className="form-error" role="alert">
          The profile could not be loaded: {error}
        </p>
      )}
      {profile === null ? (
        error === null && (
          <p className="muted" role="status">
            Loading your profile…
          </p>
        )
      ) : (
        <ProfileEditor key={account.id} account={account} profile={profile} />
      )}
    </section>
  );
}

/** A version of the profile as the conflict shows it. */
function profileSide(heading: string, profile: ProfileSnapshot): ConflictSide {
  const links = profile.links
    .map((link) => (link.label === '' ? link.url : `${link.label} (${link.url})`))
    .join(', ');
  return {
    heading,
    facts: [
      ['Display name', profile.displayName],
      ['Links', links === '' ? 'None' : links],
      ['Accent colour', profile.accentColor],
    ],
    text: profile.bio,
  };
}

function ProfileEditor({ account, profile }: { account: AccountSummary; profile: LocalProfile }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  // What was typed since the last save, kept in the store as the post editor keeps its drafts (leaving the
  // screen or switching account keeps it); null shows the profile as stored (and follows its changes).
  const edits = useAppSelector((state) => profileDraft(state.profile, account.id));
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const call = useStudioCall<'save' | 'resolve'>();
  const { errors, passed } = useCheckedForm<ProfileFormErrors>(call.fail);
  const busy = call.busy !== null;
  const form = edits ?? formOf(profile);
  const change = (update: Partial<ProfileForm>) => {
    dispatch(profileEdited({ accountId: account.id, form: { ...form, ...update } }));
    call.setNotice(null);
  };
  const changeLink = (index: number, update: Partial<ProfileLink>) =>
    change({ links: form.links.map((link, i) => (i === index ? { ...link, ...update } : link)) });
  const discard = () => dispatch(profileEditsDropped({ accountId: account.id }));

  async function run(action: 'save' | 'resolve', request: () => Promise<LocalProfile>, said: ProfileAction) {
    // Offline, the change waits in the outbox: said neutrally, with when fans will see it (as posts do).
    const stored = await call.run(action, request, (result) => profileNotice(said, result, connection));
    if (!stored) return;
    dispatch(profileStored({ accountId: account.id, profile: stored }));
    discard();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = passed(checkProfileForm(form));
    if (!checked) return;
    await run(
      'save',
      () => client.profile.update.mutate({ accountId: account.id, draft: checked.draft }),
      'save',
    );
  }

  const resolve = (keep: ConflictChoice) =>
    run(
      'resolve',
      () => client.profile.resolveConflict.mutate({ accountId: account.id, keep }),
      keep === 'mine' ? 'keep-mine' : 'keep-server',
    );

  return (
    <div className="profile-columns">
      <form className="card form profile-form" onSubmit={save} noValidate aria-label="Your profile">
        {profile.syncState === 'conflict' && (
          <SyncConflict
            title="Your profile changed on the server too"
            mine={profileSide('Your version', profile)}
            server={profile.serverVersion ? profileSide("Server's version", profile.serverVersion) : null}
            busy={busy}
            onKeep={resolve}
            headingLevel={2}
          />
        )}
        {profile.syncState === 'rejected' && (
          <p className="form-error" role="alert">
            The server refused the last change: {profile.syncError ?? 'no reason given'}. Edit and save again.
          </p>
        )}

        <Field label="Display name" error={errors.displayName}>
          {(id, errorLink) => (
            <input
              id={id}
              dir="auto"
              value={form.displayName}
              onChange={(event) => change({ displayName: event.target.value })}
              {...errorLink}
            />
          )}
        </Field>

        <Field label="Bio">
          {(id) => (
            <textarea
              id={id}
              dir="auto"
              rows={6}
              value={form.bio}
              onChange={(event) => change({ bio: event.target.value })}
              aria-invalid={errors.bio ? true : undefined}
              aria-describedby="profile-bio-help"
            />
          )}
        </Field>
        <p id="profile-bio-help" className={errors.bio ? 'field-error' : 'muted small'}>
          {errors.bio ??
            `Plain text; web addresses become links. ${form.bio.length} of ${BIO_MAX} characters.`}
        </p>

        <fieldset className="profile-links">
          <legend>Links</legend>
          {form.links.map((link, index) => (
            <div className="field-row" key={index}>
              <Field label={`Link ${index + 1} label`}>
                {(id) => (
                  <input
                    id={id}
                    dir="auto"
                    value={link.label}
                    placeholder="Shop"
                    onChange={(event) => changeLink(index, { label: event.target.value })}
                  />
                )}
              </Field>
              <Field label={`Link ${index + 1} address`}>
                {(id) => (
                  <input
                    id={id}
                    type="url"
                    dir="auto"
                    value={link.url}
                    placeholder="https://"
                    onChange={(event) => changeLink(index, { url: event.target.value })}
                    aria-invalid={errors.links?.[index] ? true : undefined}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button button--quiet"
                // The visible word is short so the row keeps room for the address; the name says which link.
                aria-label={`Remove link ${index + 1}`}
                onClick={() => change({ links: form.links.filter((_, i) => i !== index) })}
              >
                Remove
              </button>
              {errors.links?.[index] && <p className="field-error">{errors.links[index]}</p>}
            </div>
          ))}
          {errors.list && <p className="field-error">{errors.list}</p>}
          {canAddLink(form) && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => change({ links: [...form.links, { label: '', url: '' }] })}
            >
              Add a link
            </button>
          )}
        </fieldset>

        <Field label="Accent colour" error={errors.accentColor}>
          {(id, errorLink) => (
            <span className="color-field">
              <input
                id={id}
                type="color"
                value={/^#[0-9a-f]{6}$/i.test(form.accentColor) ? form.accentColor : '#5b4bdb'}
                onChange={(event) => change({ accentColor: event.target.value })}
              />
              <input
                aria-label="Accent colour as hex"
                className="mono"
                value={form.accentColor}
                onChange={(event) => change({ accentColor: event.target.value })}
                {...errorLink}
              />
            </span>
          )}
        </Field>

        <CallOutcome failure={call.failure} notice={call.notice} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {call.busy === 'save' ? 'Saving…' : 'Save profile'}
          </button>
          {edits !== null && (
            <button type="button" className="button button--quiet" onClick={discard} disabled={busy}>
              Discard changes
            </button>
          )}
        </div>
      </form>
      <ProfilePreview {...form} handle={account.handle} />
    </div>
  );
}
