import { on, type EventEmitter } from 'node:events';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { isDomainError, TRANSPORT_CODE_OF_KIND } from '@shared/domain/errors';
import { describeIssues } from '@shared/domain/input-issues';
import { findControlCharacter } from '@shared/domain/text';
import type { AccountService } from './accounts/account-service';

/** What every studio procedure can reach. */
export interface StudioContext {
  readonly accounts: AccountService;
}

// `isDev: false` whatever NODE_ENV says: tRPC's development mode puts each error's stack (file paths, library
// internals) into the answer, and browser mode answers clients that may not even hold the token.
const t = initTRPC.context<StudioContext>().create({ transformer: superjson, isDev: false });

/**
 * The studio's one error mapping, at the router's edge: invalid input in words (the shared formatter), and
 * each domain error by its kind, with the same codes the server answers with.
 */
export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: describeIssues(cause.issues), cause });
  }
  if (isDomainError(cause)) {
    return new TRPCError({ code: TRANSPORT_CODE_OF_KIND[cause.kind], message: cause.message, cause });
  }
  return error;
}

export const router = t.router;

/**
 * Every studio call: its input holds no control characters but tab and line breaks, in any string or key,
 * whatever its schema (as on the server: the renderer and browser mode are edges too, and a NUL would
 * otherwise sit in the outbox, refused by the server on every retry); errors mapped once.
 */
export const procedure = t.procedure.use(async ({ next, getRawInput }) => {
  const controlCharacterAt = findControlCharacter(await getRawInput());
  if (controlCharacterAt !== null) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${controlCharacterAt}: must not contain control characters`,
    });
  }
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

/**
 * A procedure on one signed-in account's data, named by `accountId`: a screen works on the account it
 * was opened for, even if another becomes active meanwhile, and two accounts' data never mix.
 */
export const accountProcedure = procedure
  .input(z.object({ accountId: z.string().min(1).max(200) }))
  .use(({ ctx, input, next }) => next({ ctx: { session: ctx.accounts.session(input.accountId) } }));

/**
 * An emitter's events until the subscriber leaves (the abort ends the stream quietly), or until the emitter
 * emits `closeOn` (the stream ends).
 */
export async function* events(
  emitter: EventEmitter,
  name: string,
  signal: AbortSignal | undefined,
  closeOn?: string,
) {
  // Listening starts here, before the caller yields its first value, so no event is missed in between.
  const iterator = on(emitter, name, { signal, ...(closeOn ? { close: [closeOn] } : {}) });
  try {
    for await (const args of iterator) yield args as unknown[];
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}
