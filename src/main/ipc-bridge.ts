import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { TRPC_IPC_CHANNEL } from '@shared/ipc/trpc-messages';
import { isAllowedSender } from './ipc/sender';
import type { TrpcConnection, TrpcMessageHandler } from './ipc/trpc-message-handler';

/**
 * Connects one window to the studio router over the single tRPC channel. Messages from any other sender are
 * dropped; a reload or a closed window ends that page's subscriptions. Returns a function that disconnects.
 */
export function serveRouterToWindow(
  window: BrowserWindow,
  handler: TrpcMessageHandler,
  rendererUrl: string,
): () => void {
  const contents = window.webContents;
  let connection: TrpcConnection | null = null;

  const open = (): TrpcConnection =>
    handler.connect((message) => {
      if (!contents.isDestroyed()) contents.send(TRPC_IPC_CHANNEL, message);
    });

  const onMessage = (event: IpcMainEvent, message: unknown) => {
    const frame = event.senderFrame;
    const allowed = isAllowedSender(
      {
        frameUrl: frame?.url ?? null,
        isOurWindow: !contents.isDestroyed() && event.sender.id === contents.id,
        isMainFrame: frame !== null && frame === contents.mainFrame,
      },
      rendererUrl,
    );
    if (!allowed) {
      console.warn(`Mesi Studio: dropped an IPC message from ${frame?.url ?? 'an unknown frame'}`);
      return;
    }
    connection ??= open();
    connection.receive(message);
  };

  // A new page load means the old page's subscriptions have no one to talk to.
  const onReload = () => {
    connection?.close();
    connection = null;
  };

  ipcMain.on(TRPC_IPC_CHANNEL, onMessage);
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) onReload();
  });
  contents.on('render-process-gone', onReload);

  const disconnect = () => {
    ipcMain.removeListener(TRPC_IPC_CHANNEL, onMessage);
    onReload();
  };
  window.once('closed', disconnect);
  return disconnect;
}
