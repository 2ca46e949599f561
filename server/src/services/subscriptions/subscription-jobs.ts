import type { NewScheduledJob } from '../scheduler';

export const RENEW_JOB = 'subscription.renew';
export const LAPSE_JOB = 'subscription.lapse';

/** A renewal job's payload: which period's end it charges, and which attempt (0 first, then the grace's retries). */
export interface RenewalPayload {
  readonly subscriptionId: string;
  readonly periodEnd: string;
  readonly attempt: number;
}

/** A lapse job's payload: the period whose failed renewal ends the subscription when the grace is over. */
export interface LapsePayload {
  readonly subscriptionId: string;
  readonly periodEnd: string;
}

/** The renewal of the period ending at `periodEnd`: one job per attempt, its key unique to both. */
export function renewalJob(
  subscriptionId: string,
  periodEnd: Date,
  attempt: number,
  runAt = periodEnd,
): NewScheduledJob {
  return {
    kind: RENEW_JOB,
    key: `renew:${subscriptionId}:${periodEnd.toISOString()}:${attempt}`,
    payload: { subscriptionId, periodEnd: periodEnd.toISOString(), attempt } satisfies RenewalPayload,
    runAt,
  };
}

/** The lapse at the end of the grace that followed the renewal of the period ending at `periodEnd`. */
export function lapseJob(subscriptionId: string, periodEnd: Date, graceUntil: Date): NewScheduledJob {
  return {
    kind: LAPSE_JOB,
    key: `lapse:${subscriptionId}:${periodEnd.toISOString()}`,
    payload: { subscriptionId, periodEnd: periodEnd.toISOString() } satisfies LapsePayload,
    runAt: graceUntil,
  };
}
