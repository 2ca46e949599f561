import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { accountProcedure, router } from '../trpc';
import { VAULT_ENTITY } from './vault-feature';
import { vaultImportFieldsSchema, vaultItemChangeSchema, vaultListSchema } from './vault-fields';
import type { ImportOutcome, VaultPage } from './vault-library';
import type { VaultItemView } from './vault-item';
import type { VaultUsedIn } from './vault-usage';
import type { WatchFolderState } from './vault-watcher';

const itemId = z.object({ id: z.uuid() });
const localPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => isAbsolute(path), 'must be a full path to a file on this computer');
const itself = (item: VaultItemView) => [item.id];

/**
 * `vault.*`: one account's media library. Imports take paths on this computer (the file picker's, or a drop's
 * through the preload); browser mode sends bytes to `PUT /vault/import` instead. Changes are announced as
 * `changed('vault', ids)`.
 */
export const vaultRouter = router({
  /** A page of items, newest first: words searched in titles, notes, tags and file names, and filters. */
  list: accountProcedure
    .input(vaultListSchema)
    .query(({ ctx, input }): Promise<VaultPage> => ctx.session.features.vault.library.list(input)),
  get: accountProcedure
    .input(itemId)
    .query(({ ctx, input }): Promise<VaultItemView> => ctx.session.features.vault.library.get(input.id)),
  /** Every tag in use, with its count (the tag filter's choices). */
  tags: accountProcedure.query(({ ctx }) => ctx.session.features.vault.library.tags()),
  /** Imports files by path, one after another; each answers its item (maybe a duplicate) or why it was refused. */
  importPaths: accountProcedure
    .input(
      z.object({
        paths: z.array(localPath).min(1).max(1000),
        /** Set on every file of this import. */
        fields: vaultImportFieldsSchema.pick({ tags: true }).optional(),
      }),
    )
    .mutation(({ ctx, input }): Promise<ImportOutcome[]> =>
      ctx.session.editAsync(
        VAULT_ENTITY,
        (f) => f.vault.library.importFiles(input.paths, input.fields),
        (outcomes) => outcomes.flatMap((outcome) => ('item' in outcome ? [outcome.item.id] : [])),
      ),
    ),
  update: accountProcedure
    .input(itemId.extend({ change: vaultItemChangeSchema }))
    .mutation(({ ctx, input }): Promise<VaultItemView> =>
      ctx.session.editAsync(VAULT_ENTITY, (f) => f.vault.library.update(input.id, input.change), itself),
    ),
  /** Removes the item from the library; refused while a post (later: a message, a Surprise) uses it. */
  delete: accountProcedure.input(itemId).mutation(({ ctx, input }) => {
    ctx.session.edit(
      VAULT_ENTITY,
      (f) => f.vault.library.delete(input.id),
      () => [input.id],
    );
    return { ok: true as const };
  }),
  /** Stops what the item has queued or running (processing or upload). */
  cancelJob: accountProcedure.input(itemId).mutation(({ ctx, input }): Promise<VaultItemView> =>
    ctx.session.editAsync(
      VAULT_ENTITY,
      async (f) => {
        await f.vault.jobs.cancel(input.id);
        return f.vault.library.get(input.id);
      },
      itself,
    ),
  ),
  /** Queues the item's failed or cancelled job again. */
  retryJob: accountProcedure.input(itemId).mutation(({ ctx, input }): Promise<VaultItemView> =>
    ctx.session.editAsync(
      VAULT_ENTITY,
      (f) => {
        f.vault.jobs.retry(input.id);
        return f.vault.library.get(input.id);
      },
      itself,
    ),
  ),
  usedIn: accountProcedure
    .input(itemId)
    .query(({ ctx, input }): VaultUsedIn => ctx.session.features.vault.library.usedIn(input.id)),
  watchFolder: router({
    get: accountProcedure.query(({ ctx }): WatchFolderState => ctx.session.features.vault.watcher.state()),
    /** Sets the folder and turns watching on or off; turning it on imports files added from then on. */
    set: accountProcedure
      .input(z.object({ path: localPath.nullable(), enabled: z.boolean() }))
      .mutation(({ ctx, input }): Promise<WatchFolderState> => ctx.session.features.vault.watcher.set(input)),
  }),
});
