import { createContext, useContext } from 'react';
import type { StudioConnection } from '../transport/client';
import { browserImportPort, electronImportPort, unavailableImportPort, type ImportPort } from './import-port';

/**
 * The import that fits the transport in use: inside Electron the preload's file paths go to `vault.importPaths`
 * (nothing but the path crosses IPC); in browser mode the bytes go to the studio's `PUT /vault/import` on the
 * page's own origin with the same token as the tRPC link.
 */
export function chooseImportPort(
  connection: StudioConnection,
  place: {
    readonly origin: string;
    /** The preload's `pathForFile` (Electron), when it has one. */
    readonly pathForFile?: ((file: File) => string) | undefined;
    readonly fetchImpl?: typeof fetch;
  },
): ImportPort {
  switch (connection.kind) {
    case 'browser':
      return browserImportPort(place.origin, connection.token, place.fetchImpl);
    case 'electron': {
      const { pathForFile } = place;
      if (!pathForFile) return unavailableImportPort;
      const { client } = connection;
      return electronImportPort(pathForFile, async (accountId, path) => {
        const [outcome] = await client.vault.importPaths.mutate({ accountId, paths: [path] });
        if (!outcome) throw new Error('The studio did not answer for this file.');
        return outcome;
      });
    }
    case 'browser-without-token':
      return unavailableImportPort;
  }
}

export const ImportPortContext = createContext<ImportPort>(unavailableImportPort);

/** The import of this window (provided once at the root). */
export function useImportPort(): ImportPort {
  return useContext(ImportPortContext);
}
