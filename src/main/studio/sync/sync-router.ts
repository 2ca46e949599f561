import { events, accountProcedure, procedure, router } from '../trpc';

/** A change to some account's records, for the UI to refresh them by id. */
export interface ChangedEvent {
  readonly accountId: string;
  readonly entity: string;
  readonly ids: readonly string[];
}

/** `sync.*`: syncing an account now, and the stream of changes for the UI. */
export const syncRouter = router({
  now: accountProcedure.mutation(async ({ ctx }) => {
    await ctx.session.syncNow();
    return { ok: true as const };
  }),
  /** Every account's changes (local edits and sync), by kind and id. */
  onChanged: procedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<ChangedEvent> {
    for await (const [accountId, entity, ids] of events(ctx.accounts, 'changed', signal)) {
      yield { accountId, entity, ids } as ChangedEvent;
    }
  }),
});
