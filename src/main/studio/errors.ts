import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import {
  NoActiveAccountError,
  NotCreatorError,
  SignInFailedError,
  UnknownAccountError,
} from './accounts/account-errors';
import { InvalidDraftError, NoConflictError, PostNotFoundError } from './content/post-errors';
import { KeychainUnavailableError } from './secrets/secret-store';

const SIGN_IN_CODES: Record<string, TRPCError['code']> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  NOT_FOUND: 'NOT_FOUND',
};

/** Maps the studio's domain errors to tRPC codes, once, at the router's edge; messages stay readable. */
export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
    const message = cause.issues
      .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    return new TRPCError({ code: 'BAD_REQUEST', message, cause });
  }
  if (error.code !== 'INTERNAL_SERVER_ERROR' || !(cause instanceof Error)) return error;
  const code = codeOf(cause);
  return code ? new TRPCError({ code, message: cause.message, cause }) : error;
}

function codeOf(cause: Error): TRPCError['code'] | null {
  if (cause instanceof PostNotFoundError || cause instanceof UnknownAccountError) return 'NOT_FOUND';
  if (cause instanceof InvalidDraftError) return 'BAD_REQUEST';
  if (cause instanceof NoConflictError || cause instanceof NoActiveAccountError) return 'PRECONDITION_FAILED';
  if (cause instanceof KeychainUnavailableError) return 'PRECONDITION_FAILED';
  if (cause instanceof NotCreatorError) return 'FORBIDDEN';
  if (cause instanceof SignInFailedError)
    return (cause.code ? SIGN_IN_CODES[cause.code] : undefined) ?? 'BAD_GATEWAY';
  return null;
}
