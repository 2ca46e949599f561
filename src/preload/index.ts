import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

// Must equal TRPC_IPC_CHANNEL in src/shared/ipc/trpc-messages.ts; repeated here so the sandboxed preload bundle stays
// a single file with no imports but 'electron'.
const CHANNEL = 'mesi:trpc';

/**
 * The renderer's only door to the main process: send a tRPC message, listen for replies. No Node, no
 * ipcRenderer and no other channel is exposed; the main process validates the sender and every message.
 * `pathForFile` tells where a file the creator picked or dropped is on disk ('' for one with no path), so the
 * vault imports it by path (`vault.importPaths`) and no file's bytes cross IPC.
 */
const mesiStudio = {
  send(message: unknown): void {
    ipcRenderer.send(CHANNEL, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    // Wrapped so the renderer never sees the IpcRendererEvent (it carries `sender`, an ipcRenderer handle).
    const forward = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(CHANNEL, forward);
    };
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('mesiStudio', mesiStudio);
