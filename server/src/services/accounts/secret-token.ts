import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '@shared/domain/ids';

/** A new session's token for the client, and what the server stores (only a hash of the secret). */
export interface IssuedSessionToken {
  readonly sessionId: string;
  readonly token: string;
  readonly secretHash: string;
}

const TOKEN_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Issues `<sessionId>.<secret>` with 32 random bytes of secret. */
export function issueSessionToken(): IssuedSessionToken {
  const sessionId = newId();
  const secret = randomBytes(32).toString('base64url');
  return { sessionId, token: `${sessionId}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a token into its session id and secret; null when it is not shaped like one of ours. */
export function parseSessionToken(token: string): { sessionId: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { sessionId: match[1]!, secret: match[2]! } : null;
}

/** Compares a presented secret with the stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
