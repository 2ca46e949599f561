import { z } from 'zod';
import type { PostRow } from '../../db/schema';
import type { NewScheduledJob } from '../scheduler';

/**
 * The scheduler's jobs of posts: `post.publish` puts a scheduled post out at its `publish_at`, `post.expire`
 * hides a published one at its `expires_at`. A job is never cancelled when its post changes: it carries the
 * time it was scheduled for and, when it runs, does nothing unless the post still waits for exactly that time
 * (see `PostJobs`). Its key names the post, the time and the version of the write that scheduled it, so each
 * scheduling is a new job: moving a post to another time, or unpublishing it and scheduling it again for the
 * same time, both make a fresh job (the scheduler never runs a key twice).
 */
export const PUBLISH_JOB = 'post.publish';
export const EXPIRE_JOB = 'post.expire';

/**
 * A post waiting for its media (uploading, processing, failed) is checked again after 1, 2, 4 … minutes, then
 * every half hour, and given up (back to a draft) once it has waited this long past its time.
 */
export const MEDIA_WAIT_FIRST_MS = 60_000;
export const MEDIA_WAIT_MAX_DELAY_MS = 30 * 60_000;
export const MEDIA_WAIT_GIVE_UP_MS = 14 * 86_400_000;

export const publishPayloadSchema = z.object({
  postId: z.uuid(),
  /** The post's `publish_at` when scheduled (null: as soon as due); the job does nothing if it changed. */
  publishAt: z.iso.datetime().nullable(),
  /** The first job's key; the checks that follow while media is not ready are named after it. */
  baseKey: z.string(),
  /** When the post first came due, for giving up after `MEDIA_WAIT_GIVE_UP_MS`. */
  dueAt: z.iso.datetime(),
  /** How many times it has waited for its media so far. */
  waits: z.number().int().nonnegative(),
});
export type PublishPayload = z.infer<typeof publishPayloadSchema>;

export const expirePayloadSchema = z.object({
  postId: z.uuid(),
  /** The post's `expires_at` when scheduled; the job does nothing if it changed. */
  expiresAt: z.iso.datetime(),
});
export type ExpirePayload = z.infer<typeof expirePayloadSchema>;

/** An instant as payloads and keys carry it (null stays null). */
export const instantText = (at: Date | null): string | null => (at ? at.toISOString() : null);

/**
 * The jobs a write to a post needs: a publish job when the post became scheduled or its time moved while
 * scheduled, an expire job when it became published or its expiry moved while published. `before` is null for
 * a new row.
 */
export function jobsAfterWrite(before: PostRow | null, after: PostRow, now: Date): NewScheduledJob[] {
  if (after.deleted_at !== null) return [];
  const jobs: NewScheduledJob[] = [];
  const wasScheduled = before?.status === 'scheduled' && before.deleted_at === null;
  if (after.status === 'scheduled' && !(wasScheduled && sameInstant(before.publish_at, after.publish_at))) {
    const publishAt = instantText(after.publish_at);
    const runAt = after.publish_at ?? now;
    const baseKey = `${PUBLISH_JOB}:${after.id}:${publishAt ?? 'now'}:v${after.version}`;
    const payload: PublishPayload = {
      postId: after.id,
      publishAt,
      baseKey,
      dueAt: runAt.toISOString(),
      waits: 0,
    };
    jobs.push({ kind: PUBLISH_JOB, key: baseKey, payload, runAt });
  }
  const wasPublished = before?.status === 'published' && before.deleted_at === null;
  if (
    after.status === 'published' &&
    after.expires_at !== null &&
    !(wasPublished && sameInstant(before.expires_at, after.expires_at))
  ) {
    const expiresAt = after.expires_at.toISOString();
    const payload: ExpirePayload = { postId: after.id, expiresAt };
    jobs.push({
      kind: EXPIRE_JOB,
      key: `${EXPIRE_JOB}:${after.id}:${expiresAt}:v${after.version}`,
      payload,
      runAt: after.expires_at,
    });
  }
  return jobs;
}

/** The next check of a post whose media is not ready yet, or null when it has waited long enough. */
export function mediaWaitJob(payload: PublishPayload, now: Date): NewScheduledJob | null {
  if (now.getTime() - Date.parse(payload.dueAt) >= MEDIA_WAIT_GIVE_UP_MS) return null;
  const delay = Math.min(MEDIA_WAIT_MAX_DELAY_MS, MEDIA_WAIT_FIRST_MS * 2 ** payload.waits);
  const waits = payload.waits + 1;
  return {
    kind: PUBLISH_JOB,
    // Named after the check it follows, so two runs of one check (a lease that ran out) schedule one next check.
    key: `${payload.baseKey}:wait${waits}`,
    payload: { ...payload, waits } satisfies PublishPayload,
    runAt: new Date(now.getTime() + delay),
  };
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}
