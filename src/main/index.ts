import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { serveRouterToWindow } from './ipc-bridge';
import { createTrpcMessageHandler, type TrpcMessageHandler } from './ipc/trpc-message-handler';
import { secureEveryWebContents, secureSession } from './security';
import { KeytarSecretStore } from './studio/secrets/keytar-secret-store';
import { createStudio } from './studio/services';
import { createMainWindow } from './window';

// The electron-vite dev server in development, the built file in a package.
const rendererUrl =
  !app.isPackaged && process.env['ELECTRON_RENDERER_URL']
    ? process.env['ELECTRON_RENDERER_URL']
    : pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

type Studio = Awaited<ReturnType<typeof createStudio>>;
let studio: Studio | null = null;
let handler: TrpcMessageHandler | null = null;
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  if (!handler) return;
  const window = createMainWindow({ preloadPath, rendererUrl });
  serveRouterToWindow(window, handler, rendererUrl);
  // The renderer refuses to unload while a post has unsaved changes (beforeunload): ask the creator.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave and lose the changes', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'A post has unsaved changes.',
      detail: 'Stay to save them; leaving loses them.',
    });
    if (choice === 0) event.preventDefault(); // preventDefault here lets the window unload
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

async function start(): Promise<void> {
  app.enableSandbox();
  secureEveryWebContents(rendererUrl);
  await app.whenReady();
  secureSession(session.defaultSession, rendererUrl);
  studio = await createStudio({ dataDir: app.getPath('userData'), secretStore: new KeytarSecretStore() });
  handler = createTrpcMessageHandler({
    router: studio.router,
    createContext: () => studio!.createContext(),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`Mesi Studio: ${path ?? 'IPC'} failed`, error);
    },
  });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

// One studio per user: a second launch focuses the running one (two would fight over the SQLite files).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the studio (flush the sync engine, close SQLite) before the process exits.
  let closing = false;
  app.on('before-quit', (event) => {
    if (!studio || closing) return;
    event.preventDefault();
    closing = true;
    const running = studio;
    studio = null;
    void Promise.resolve(running.close())
      .catch((error: unknown) => console.error('Mesi Studio: closing the studio failed', error))
      .finally(() => app.quit());
  });

  start().catch((error: unknown) => {
    console.error('Mesi Studio could not start', error);
    app.exit(1);
  });
}
