/**
 * What the preload puts on `window.mesiStudio` (src/preload/index.ts): one channel carrying tRPC messages.
 * The renderer's view of it, declared here because the renderer cannot import the preload.
 */
export interface MesiStudioBridge {
  send(message: unknown): void;
  /** Adds a listener for messages from the main process; returns a function that removes it. */
  onMessage(listener: (message: unknown) => void): () => void;
  /**
   * Where a picked or dropped file is on disk (Electron's `webUtils.getPathForFile`; '' for a file with no path,
   * one dragged out of a web page). Absent in a preload from before the vault.
   */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    /** Present only inside the Electron app; absent in browser mode. */
    mesiStudio?: MesiStudioBridge;
  }
}
