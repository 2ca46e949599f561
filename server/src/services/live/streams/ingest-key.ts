import { createHash, randomBytes } from 'node:crypto';

/** The SHA-256 of an ingest key as lower-case hex: what the database keeps and the relay compares. */
export const ingestKeyHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * A fresh ingest key: 32 random bytes in base64url (43 characters, safe in an RTMP URL's query), shown to the
 * creator once; only its hash is stored, so a leaked database does not let anyone publish.
 */
export function newIngestKey(): { readonly key: string; readonly sha256: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, sha256: ingestKeyHash(key) };
}
