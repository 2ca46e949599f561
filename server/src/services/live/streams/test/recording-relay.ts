import type { LiveRelay, PlaybackTokens } from '../../live-relay';

/**
 * Test doubles of the relay seam, for tests of the streams part that need no real RTMP: they record what the
 * streams service asked of the relay. The real relay (`relay/`) has its own tests with node-media-server.
 */
export class RecordingRelay implements LiveRelay {
  readonly disconnected: string[] = [];

  ingestUrl(streamId: string, key: string): string {
    return `rtmp://relay.test/live/${streamId}?key=${key}`;
  }

  playbackUrls(streamId: string, token: string) {
    return {
      flv: `http://relay.test/live/${streamId}.flv?token=${token}`,
      hls: `http://server.test/live/hls/${token}/${streamId}/index.m3u8`,
    };
  }

  disconnectPublisher(streamId: string): void {
    this.disconnected.push(streamId);
  }

  viewerCounts(): ReadonlyMap<string, number> {
    return new Map();
  }
}

/** Playback tokens that record whom they were issued to; a token names its stream and viewer in clear. */
export class RecordingTokens implements PlaybackTokens {
  readonly issued: { streamId: string; viewerId: string | null }[] = [];

  issue(streamId: string, viewerId: string | null) {
    this.issued.push({ streamId, viewerId });
    return { token: `token-${this.issued.length}`, expiresAt: new Date(Date.UTC(2030, 0, 1)) };
  }

  verify(token: string, streamId: string): boolean {
    const index = Number(token.replace('token-', '')) - 1;
    return this.issued[index]?.streamId === streamId;
  }
}
