import { z } from 'zod';

/** What became of one file the creator dropped or picked. */
export type ImportOutcome =
  | { readonly name: string; readonly status: 'imported'; readonly itemId: string; readonly title: string }
  /** The same bytes are already in the vault: nothing was copied, the existing item is named. */
  | { readonly name: string; readonly status: 'duplicate'; readonly itemId: string; readonly title: string }
  | { readonly name: string; readonly status: 'failed'; readonly error: string };

/** The one thing the vault screen needs from the transport to bring files in. */
export interface ImportPort {
  /**
   * Imports `files` into `accountId`'s vault, one after another, calling `onOutcome` as each one ends (so the
   * screen shows them as they arrive); resolves with every outcome in the files' order. Never rejects: a
   * file that cannot be imported is a `failed` outcome with its reason.
   */
  importFiles(
    accountId: string,
    files: readonly File[],
    onOutcome?: (outcome: ImportOutcome, index: number) => void,
  ): Promise<ImportOutcome[]>;
}

/** How one file is sent; the port runs the files through it in order. */
type ImportOne = (accountId: string, file: File) => Promise<ImportOutcome>;

function portOf(importOne: ImportOne): ImportPort {
  return {
    async importFiles(accountId, files, onOutcome) {
      const outcomes: ImportOutcome[] = [];
      // One at a time: the studio hashes and copies each file whole, and two at once only compete for the disk.
      for (const [index, file] of files.entries()) {
        let outcome: ImportOutcome;
        try {
          outcome = await importOne(accountId, file);
        } catch (error) {
          outcome = { name: file.name, status: 'failed', error: reasonOf(error) };
        }
        outcomes.push(outcome);
        onOutcome?.(outcome, index);
      }
      return outcomes;
    },
  };
}

const UNREACHABLE = 'The studio is not reachable. Check that it is still running, then try again.';

function reasonOf(error: unknown): string {
  if (error instanceof TypeError) return UNREACHABLE; // fetch's network failure
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  return 'Something went wrong. Try again.';
}

/** What browser mode's `PUT /vault/import` answers. */
const importAnswerSchema = z.union([
  z.object({
    item: z.object({ id: z.string(), title: z.string() }).loose(),
    duplicate: z.boolean(),
  }),
  z.object({ error: z.string() }),
]);

/**
 * Browser mode (development and e2e): each file's bytes streamed to the studio's `PUT /vault/import`, with the
 * token the tRPC link carries.
 */
export function browserImportPort(
  origin: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): ImportPort {
  return portOf(async (accountId, file) => {
    const url = `${origin}/vault/import?${new URLSearchParams({ accountId, name: file.name })}`;
    const response = await fetchImpl(url, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': file.type === '' ? 'application/octet-stream' : file.type,
      },
      body: file,
    });
    const parsed = importAnswerSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      if (response.status === 401)
        return failed(file, 'The studio refused this page. Open the link it printed again.');
      if (response.status === 413) return failed(file, 'This file is too big to import.');
      return failed(file, `The studio could not import it (HTTP ${response.status}).`);
    }
    const answer = parsed.data;
    if ('error' in answer) return failed(file, answer.error);
    return {
      name: file.name,
      status: answer.duplicate ? 'duplicate' : 'imported',
      itemId: answer.item.id,
      title: answer.item.title,
    };
  });
}

/** What the Electron import gets back for one path. */
export type PathImportResult =
  | { readonly item: { readonly id: string; readonly title: string }; readonly duplicate: boolean }
  | { readonly error: string };

/**
 * Inside Electron: the preload gives each file's path on disk (`webUtils.getPathForFile`) and the studio copies
 * it from there (`vault.importPaths`), so no bytes cross the IPC channel. A file with no path (dragged out of a
 * web page) is refused with what to do instead.
 */
export function electronImportPort(
  pathForFile: (file: File) => string,
  importPath: (accountId: string, path: string) => Promise<PathImportResult>,
): ImportPort {
  return portOf(async (accountId, file) => {
    const path = pathForFile(file);
    if (path === '')
      return failed(file, 'This file is not on your disk. Save it to a folder first, then import it.');
    const answer = await importPath(accountId, path);
    if ('error' in answer) return failed(file, answer.error);
    return {
      name: file.name,
      status: answer.duplicate ? 'duplicate' : 'imported',
      itemId: answer.item.id,
      title: answer.item.title,
    };
  });
}

/** When neither way is there (an Electron build whose preload predates the vault). */
export const unavailableImportPort: ImportPort = portOf(async (_accountId, file) =>
  failed(file, 'Importing files needs a newer studio. Update the studio, then try again.'),
);

function failed(file: File, error: string): ImportOutcome {
  return { name: file.name, status: 'failed', error };
}
