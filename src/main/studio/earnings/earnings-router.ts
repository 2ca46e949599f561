import { z } from 'zod';
import { timeZoneSchema } from '@shared/domain/calendar-day';
import {
  earningsCsv,
  earningsFilterSchema,
  filterPayments,
  pageOfEarnings,
  summarizeEarnings,
  type EarningsPage,
  type EarningsSummary,
} from '@shared/domain/money/earnings';
import { accountProcedure, router } from '../trpc';

/** Which payments, and the time zone whose days the filter and the figures use (the creator's own). */
const view = z.object({
  filter: earningsFilterSchema.default({}),
  timeZone: timeZoneSchema.default('UTC'),
});

export const EARNINGS_PAGE_MAX = 200;

/**
 * `earnings.*`: one account's earnings, read from the payments its database holds (so offline too). Read-only:
 * payments are the server's to change.
 */
export const earningsRouter = router({
  summary: accountProcedure
    .input(view)
    .query(({ ctx, input }): EarningsSummary =>
      summarizeEarnings(ctx.session.features.payments.all(), input.filter, input.timeZone),
    ),
  /** The filter's payments, newest first, a page at a time. */
  list: accountProcedure
    .input(
      view.extend({
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        limit: z.number().int().min(1).max(EARNINGS_PAGE_MAX).default(50),
      }),
    )
    .query(({ ctx, input }): EarningsPage =>
      pageOfEarnings(
        ctx.session.features.payments.all(),
        input.filter,
        { offset: input.offset, limit: input.limit },
        input.timeZone,
      ),
    ),
  /** The filter's payments as CSV text (a header row, newest first), for the creator to save. */
  exportCsv: accountProcedure
    .input(view)
    .query(({ ctx, input }): string =>
      earningsCsv(
        filterPayments(ctx.session.features.payments.all(), input.filter, input.timeZone),
        input.timeZone,
      ),
    ),
});
