import { app, shell, type Session, type WebContents } from 'electron';
import { RENDERER_CONTENT_SECURITY_POLICY } from './content-security-policy';
import { isOwnRendererUrl } from './ipc/sender';
import { externalLinkToOpen, isAllowedRendererRequest, isPermissionGranted } from './navigation-policy';

/**
 * Locks the renderer's session down: the CSP header on every response, no request outside our own files
 * (or the dev server), every permission request denied. The built index.html also carries the CSP as a meta
 * tag (file:// responses have no headers to change); in development the header is left off because the dev
 * server's inline React Refresh preamble would be blocked.
 */
export function secureSession(session: Session, rendererUrl: string): void {
  const isDevServer = !rendererUrl.startsWith('file:');
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url, rendererUrl) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isDevServer) return callback({});
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [RENDERER_CONTENT_SECURITY_POLICY],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

/** Every web contents (ours or any a bug might create): no navigation away, no new windows, no webviews. */
export function secureEveryWebContents(rendererUrl: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalLinkToOpen(url);
      if (external !== null) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
}
