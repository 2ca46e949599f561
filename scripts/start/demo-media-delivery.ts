import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Upload } from 'tus-js-client';
import { newId } from '@shared/domain/ids';
import type { UploadMetadata } from '@shared/domain/media/media';
import type { Studio } from '../../src/main/studio/services';
import type { DemoMediaDelivery } from './demo-media';

/**
 * The demo files imported into the studio's vault, as a creator would: the studio processes them (thumbnails,
 * web renditions, previews), uploads them over tus and shows them on the Vault screen; the vault item's id is
 * the server's media id.
 */
export function throughStudioVault(studio: Studio, accountId: string): DemoMediaDelivery {
  return async (files) => {
    const vault = studio.router.createCaller(studio.createContext()).vault;
    const ids: string[] = [];
    for (const file of files) {
      const tags = ['demo', file.kind === 'photo' ? 'glaze tests' : 'kiln'];
      const [outcome] = await vault.importPaths({ accountId, paths: [file.path], fields: { tags } });
      if (!outcome || 'error' in outcome) {
        throw new Error(`the vault refused ${basename(file.path)}: ${outcome?.error ?? 'no answer'}`);
      }
      ids.push(outcome.item.id);
    }
    return ids;
  };
}

/**
 * The demo files sent straight to the server's tus endpoint (`/uploads`) as the creator, for when the studio runs
 * in its own process (Electron) and cannot be asked to import them: the fan page shows them all the same, and
 * the server processes them as it does every upload.
 */
export function throughTus(serverUrl: string, token: string): DemoMediaDelivery {
  return async (files, signal) => {
    const ids: string[] = [];
    for (const file of files) {
      const mediaId = newId();
      const metadata: UploadMetadata = {
        mediaId,
        kind: file.kind,
        filename: basename(file.path),
        sha256: await sha256Of(file.path),
      };
      await upload(`${serverUrl}/uploads`, token, file.path, metadata, signal);
      ids.push(mediaId);
    }
    return ids;
  };
}

async function upload(
  endpoint: string,
  token: string,
  path: string,
  metadata: UploadMetadata,
  signal: AbortSignal,
): Promise<void> {
  const { size } = await stat(path);
  const source = createReadStream(path);
  try {
    await new Promise<void>((resolve, reject) => {
      // tus-js-client's types omit Node streams, which its Node build reads (a path-based ReadStream as a file).
      const tus = new Upload(source as unknown as Buffer, {
        endpoint,
        uploadSize: size,
        metadata: { ...metadata },
        headers: { Authorization: `Bearer ${token}` },
        retryDelays: [0, 1_000, 3_000],
        storeFingerprintForResuming: false,
        onSuccess: () => resolve(),
        onError: reject,
      });
      signal.addEventListener('abort', () => void tus.abort().then(() => reject(signal.reason)), {
        once: true,
      });
      tus.start();
    });
  } finally {
    source.destroy();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
