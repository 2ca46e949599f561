/**
 * Whether `url` is a page of our own renderer: the very file we loaded (file://, any hash or query), or any
 * page of the electron-vite dev server we loaded from (same origin). Anything unparsable is not ours.
 */
export function isOwnRendererUrl(url: string, rendererUrl: string): boolean {
  let candidate: URL;
  let ours: URL;
  try {
    candidate = new URL(url);
    ours = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (ours.protocol === 'file:') {
    return (
      candidate.protocol === 'file:' && candidate.host === ours.host && candidate.pathname === ours.pathname
    );
  }
  if (ours.protocol === 'http:' || ours.protocol === 'https:') {
    return candidate.origin === ours.origin;
  }
  return false;
}

/**
 * Whether an IPC message may reach the studio router: it must come from the main frame of our window
 * (`isOurWindow`) and that frame must show our renderer. An iframe or a navigated-away page gets nothing.
 */
export function isAllowedSender(
  sender: { readonly frameUrl: string | null; readonly isOurWindow: boolean; readonly isMainFrame: boolean },
  rendererUrl: string,
): boolean {
  if (!sender.isOurWindow || !sender.isMainFrame || sender.frameUrl === null) return false;
  return isOwnRendererUrl(sender.frameUrl, rendererUrl);
}
