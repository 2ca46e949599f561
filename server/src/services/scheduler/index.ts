export {
  Scheduler,
  type BatchJobHandler,
  type JobContext,
  type JobHandler,
  type RunDueResult,
  type SchedulerOptions,
} from './scheduler';
export {
  ScheduledJobRepository,
  type ClaimedJob,
  type JobClaim,
  type NewScheduledJob,
  type ScheduledJob,
} from './scheduled-job-repository';
export {
  DEFAULT_RETRY_POLICY,
  exponentialBackoff,
  type ExponentialBackoffOptions,
  type RetryPolicy,
} from './retry-policy';
