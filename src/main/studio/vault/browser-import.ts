import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { isDomainError, type DomainErrorKind } from '@shared/domain/errors';
import { describeIssues } from '@shared/domain/input-issues';
import { uploadMetadataSchema } from '@shared/domain/media/media';
import type { AccountService } from '../accounts/account-service';
import { VAULT_MAX_FILE_BYTES } from './media-intake';
import { VAULT_ENTITY } from './vault-feature';

export const VAULT_IMPORT_PATH = '/vault/import';

const querySchema = z.object({
  accountId: z.string().min(1, 'accountId is missing').max(200),
  // The same rule as an upload's file name: shown and searched, never a path.
  name: uploadMetadataSchema.shape.filename,
});

const STATUS_OF_KIND: Readonly<Partial<Record<DomainErrorKind, number>>> = {
  validation: 400,
  not_found: 404,
  permission_denied: 403,
  invalid_state: 409,
  conflict: 409,
  unavailable: 503,
};

/** The body went over the vault's limit while it was streamed (no size was declared, or it lied). */
class TooLargeError extends Error {}

/**
 * Browser mode's import (`PUT /vault/import?accountId=…&name=…`, the token already checked by the caller): the
 * page cannot give the studio a path, so it sends the file's bytes. They are streamed to a file in the
 * account's `media/incoming/` (never held in memory, at most `VAULT_MAX_FILE_BYTES`), which the vault then
 * imports as any other file (moved into place, not copied). Answers `{ item, duplicate }`, or `{ error }` with
 * a 4xx; a refused or interrupted upload leaves nothing behind.
 */
export function vaultImportRoute(accounts: AccountService) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'PUT') {
      res.setHeader('Allow', 'PUT');
      return answer(res, 405, { error: 'Use PUT to import a file' });
    }
    const query = querySchema.safeParse(
      Object.fromEntries(new URL(req.url ?? '', 'http://studio').searchParams),
    );
    if (!query.success) return answer(res, 400, { error: describeIssues(query.error.issues) });
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > VAULT_MAX_FILE_BYTES) return answer(res, 413, { error: tooLarge() });

    let session;
    try {
      session = accounts.session(query.data.accountId);
    } catch (error) {
      return answerError(res, error);
    }
    const { folders } = session.features.vault;
    folders.ensure();
    const temporary = join(folders.incoming, `${randomBytes(12).toString('hex')}.upload`);
    try {
      await pipeline(req, limitTo(VAULT_MAX_FILE_BYTES), createWriteStream(temporary, { flags: 'wx' }));
    } catch (error) {
      await rm(temporary, { force: true });
      if (error instanceof TooLargeError) return answer(res, 413, { error: tooLarge() }, true);
      // The page went away mid-file: there is no one left to answer.
      if (!res.writable || req.destroyed) return void res.destroy();
      return answer(res, 400, { error: 'The file did not arrive whole; try again' }, true);
    }
    try {
      const result = await session.editAsync(
        VAULT_ENTITY,
        (f) => f.vault.library.importFile(temporary, {}, { name: query.data.name, move: true }),
        (imported) => [imported.item.id],
      );
      answer(res, result.duplicate ? 200 : 201, result);
    } catch (error) {
      answerError(res, error);
    } finally {
      // `importFile` moves or removes the file it was handed; this only catches an import that never started.
      await rm(temporary, { force: true });
    }
  };
}

function limitTo(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new TooLargeError());
      else callback(null, chunk);
    },
  });
}

function tooLarge(): string {
  return `The file is larger than ${VAULT_MAX_FILE_BYTES / 1024 ** 3} GiB, the most the vault takes`;
}

function answerError(res: ServerResponse, error: unknown): void {
  if (isDomainError(error)) return answer(res, STATUS_OF_KIND[error.kind] ?? 500, { error: error.message });
  console.error('Mesi Studio: browser-mode import failed', error);
  answer(res, 500, { error: 'The studio could not import this file' });
}

/** `close`: the request was not read to its end, so the connection cannot carry another one. */
function answer(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}
