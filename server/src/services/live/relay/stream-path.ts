/** A stream's id as it appears in a relay path: a UUID in lowercase (the path names one broadcast exactly). */
export const STREAM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The one application the relay serves: `/live/<streamId>`. */
export const LIVE_APP = 'live';

/** The stream a session names, or null for any other path (another app, a name that is not a stream id). */
export function streamIdOf(session: { readonly app: string; readonly name: string }): string | null {
  return session.app === LIVE_APP && STREAM_ID.test(session.name) ? session.name : null;
}
