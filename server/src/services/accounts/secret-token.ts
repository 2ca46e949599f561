import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '@shared/domain/ids';

/**
 * Bearer secrets the server hands out (session tokens, password-reset links) as `<id>.<secret>`: the id finds
 * the row, the secret proves possession. The server stores only a hash of the secret, so a copy of the
 * database opens no session.
 */
export interface IssuedSecretToken {
  readonly id: string;
  readonly token: string;
  readonly secretHash: string;
}

// The id must be a UUID exactly: requests arriving together look their sessions up in one `= any($1::uuid[])`
// query, where one id that is not a UUID would fail every request of the batch.
const TOKEN_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Issues `<id>.<secret>` with 32 random bytes of secret. */
export function issueSecretToken(): IssuedSecretToken {
  const id = newId();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a token into its id and secret; null when it is not shaped like one of ours. */
export function parseSecretToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Compares a presented secret with the stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
