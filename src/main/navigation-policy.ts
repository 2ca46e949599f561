/**
 * The link a person clicked, if the system browser may open it: only http(s) with a host, never file:,
 * javascript:, custom schemes or credentials in the URL. Returns the normalized URL, or null to refuse.
 */
export function externalLinkToOpen(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** Permission requests (camera, notifications, geolocation…) that the studio grants: none, for now. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * Whether the renderer may load `url`: its own files (file:// under the renderer folder, data: images,
 * devtools) or, in development, the dev server's origin including its HMR WebSocket. No remote content ever:
 * the renderer reaches the companion server only through the main process.
 */
export function isAllowedRendererRequest(url: string, rendererUrl: string): boolean {
  let candidate: URL;
  let ours: URL;
  try {
    candidate = new URL(url);
    ours = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (candidate.protocol === 'data:' || candidate.protocol === 'devtools:') return true;
  if (ours.protocol === 'file:') {
    const folder = ours.pathname.slice(0, ours.pathname.lastIndexOf('/') + 1);
    return (
      candidate.protocol === 'file:' && candidate.host === ours.host && candidate.pathname.startsWith(folder)
    );
  }
  const sameHost = candidate.host === ours.host;
  if (ours.protocol === 'http:')
    return sameHost && (candidate.protocol === 'http:' || candidate.protocol === 'ws:');
  if (ours.protocol === 'https:')
    return sameHost && (candidate.protocol === 'https:' || candidate.protocol === 'wss:');
  return false;
}
