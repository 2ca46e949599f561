import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isDomainError, TRANSPORT_CODE_OF_KIND, type DomainError } from '@shared/domain/errors';
import { describeIssues } from '@shared/domain/input-issues';
import { findControlCharacter } from '@shared/domain/text';
import { actingForSchema } from '@shared/domain/sync/protocol';
import { throwIfDatabaseUnavailable } from './database-unavailable';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // No stack traces or internals to clients in any mode: the cause is logged by the handlers' onError.
    const { stack: _stack, ...data } = shape.data;
    const message =
      error.code === 'INTERNAL_SERVER_ERROR'
        ? 'Something went wrong on the server; please try again'
        : error.code === 'BAD_REQUEST' && error.cause instanceof z.ZodError
          ? describeIssues(error.cause.issues)
          : shape.message;
    return { ...shape, message, data };
  },
});

/** The one place where a domain error becomes a TRPCError. */
export function toTRPCError(err: DomainError): TRPCError {
  const code = TRANSPORT_CODE_OF_KIND[err.kind] satisfies TRPCError['code'];
  const field = 'field' in err && typeof err.field === 'string' ? err.field : null;
  return new TRPCError({ code, message: field ? `${field}: ${err.message}` : err.message, cause: err });
}

export const router = t.router;

/**
 * What every call goes through, in one step (each tRPC middleware is an async hop of its own):
 * - its input holds no control characters but tab and line breaks, in any string at any depth, whatever its
 *   schema says (PostgreSQL cannot store NUL; a feature that forgets to refuse them is covered);
 * - it counts as under way until it returns, so closing the server waits for it;
 * - a domain error becomes its TRPCError, once (for a subscription, also when it arises while iterated); the database being busy or cut off becomes SERVICE_UNAVAILABLE
 *   (the caller may retry), not a 500;
 * - over WebSocket, where one context serves a whole connection, the session is checked again: a session
 *   revoked since the connection opened counts as a rejected token from then on.
 */
const everyCall = t.middleware(({ ctx, next, getRawInput, type }) =>
  ctx.calls.track(
    (async () => {
      const controlCharacterAt = findControlCharacter(await getRawInput());
      if (controlCharacterAt !== null) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `${controlCharacterAt}: must not contain control characters`,
        });
      }
      const revoked =
        ctx.transport === 'ws' &&
        ctx.session !== null &&
        !(await ctx.services.accounts.isActive(ctx.session.sessionId).catch((error: unknown) => {
          asTransportError(error);
          throw error;
        }));
      const result = await next({
        ctx: { session: revoked ? null : ctx.session, tokenRejected: revoked || ctx.tokenRejected },
      });
      if (!result.ok) {
        asTransportError(result.error.cause);
        return result;
      }
      // A subscription's errors arise while it is iterated, after this middleware returned: map them there.
      if (type === 'subscription' && isAsyncIterable(result.data)) {
        return { ...result, data: mapIterationErrors(result.data) };
      }
      return result;
    })(),
  ),
);

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

async function* mapIterationErrors<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    asTransportError(error);
    throw error;
  }
}

/** Throws the TRPCError a domain error or an unavailable database stands for; returns for anything else. */
function asTransportError(cause: unknown): void {
  if (isDomainError(cause)) throw toTRPCError(cause);
  throwIfDatabaseUnavailable(cause);
}

export const publicProcedure = t.procedure.use(everyCall);

const SESSION_ENDED = 'Your session has ended; sign in again';

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: ctx.tokenRejected ? SESSION_ENDED : 'Sign in first',
    });
  }
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/**
 * Runs a subscription's source until the caller's session is revoked, then ends it with UNAUTHORIZED, so a
 * signed-out device stops receiving at once instead of when its connection next drops.
 */
export async function* untilSessionRevoked<T>(
  ctx: { services: Context['services']; session: NonNullable<Context['session']> },
  signal: AbortSignal | undefined,
  source: (signal: AbortSignal) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const controller = new AbortController();
  let revoked = false;
  const stopListening = ctx.services.accounts.onRevoked(ctx.session.sessionId, () => {
    revoked = true;
    controller.abort();
  });
  const forwardAbort = () => controller.abort();
  signal?.addEventListener('abort', forwardAbort);
  try {
    // Revoked between the procedure's session check and this listener: end at once.
    await ctx.services.accounts.listeningForRevocation(ctx.session.sessionId);
    if (!(await ctx.services.accounts.isActive(ctx.session.sessionId))) revoked = true;
    if (!revoked) yield* source(controller.signal);
    if (revoked) throw new TRPCError({ code: 'UNAUTHORIZED', message: SESSION_ENDED });
  } finally {
    stopListening();
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * A signed-in caller acting for a creator: `input.creatorId`, or their own account when absent. The actor and
 * the creator go to the use case separately; the use case checks, through the one acting-for policy, that
 * this actor may act for this creator in the scope it needs.
 */
export const actingForProcedure = signedInProcedure
  .input(actingForSchema.optional())
  .use(({ ctx, input, next }) =>
    next({ ctx: { actor: ctx.session.account, creatorId: input?.creatorId ?? ctx.session.account.id } }),
  );
