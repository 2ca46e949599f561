import type Hls from 'hls.js/light';
import type Mpegts from 'mpegts.js';
import { type PlaybackSupport, withToken } from './playback-engine';
import type { EngineHandle, EngineStart } from './playback-session';

/** The players, loaded only when a stream is there to play (they are most of the watch page's weight). */
export interface PlayerModules {
  readonly mpegts: typeof Mpegts;
  readonly Hls: typeof Hls;
}

export async function loadPlayerModules(): Promise<PlayerModules> {
  const [mpegts, hls] = await Promise.all([import('mpegts.js'), import('hls.js/light')]);
  return { mpegts: mpegts.default, Hls: hls.default };
}

/** What this browser can play. */
export function playbackSupport({ mpegts, Hls }: PlayerModules, video: HTMLVideoElement): PlaybackSupport {
  return {
    flv: mpegts.isSupported() && mpegts.getFeatureList().mseLivePlayback,
    hlsJs: Hls.isSupported(),
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
  };
}

/** A player that shows no new frame for this long, while not paused, has lost its stream. */
export const STALL_MS = 10_000;
const STALL_CHECK_MS = 1_000;

/**
 * Starts engines in one `<video>`, for `PlaybackSession`: mpegts.js for HTTP-FLV tuned for latency (no stash
 * buffer, chasing the live edge when more than a second behind), hls.js for HLS (each request carrying the
 * freshest token), or the element's own HLS. Each engine starts muted (browsers let muted video autoplay), says
 * when frames move, and reports a failure once: an engine error, the end of the FLV response (the publisher
 * left, or the server went away), or no frame for `STALL_MS`.
 */
export function engineStarter(modules: PlayerModules, video: HTMLVideoElement) {
  return (start: EngineStart): EngineHandle => {
    const watch = watchProgress(video, start.callbacks);
    const engine = startOn(modules, video, start);
    video.play().catch(() => {
      // Autoplay was refused even muted: the page offers a Play button (the element stays paused).
    });
    return {
      stop: () => {
        watch.stop();
        engine.stop();
      },
    };
  };
}

function startOn({ mpegts, Hls }: PlayerModules, video: HTMLVideoElement, start: EngineStart): EngineHandle {
  const { grant, callbacks } = start;
  switch (start.engine) {
    case 'flv': {
      const player = mpegts.createPlayer(
        { type: 'flv', isLive: true, url: grant.flvUrl, cors: true },
        {
          enableWorker: false,
          enableStashBuffer: false,
          isLive: true,
          liveBufferLatencyChasing: true,
          liveBufferLatencyMaxLatency: 1.2,
          liveBufferLatencyMinRemain: 0.3,
          lazyLoad: false,
          autoCleanupSourceBuffer: true,
          autoCleanupMaxBackwardDuration: 30,
          autoCleanupMinBackwardDuration: 10,
        },
      );
      player.on(mpegts.Events.ERROR, (type: unknown) =>
        callbacks.onFailure(type === mpegts.ErrorTypes.MEDIA_ERROR ? 'media' : 'network'),
      );
      // A live FLV response only ends when the stream does (or the server went away).
      player.on(mpegts.Events.LOADING_COMPLETE, () => callbacks.onFailure('network'));
      player.attachMediaElement(video);
      player.load();
      return {
        stop: () => {
          player.pause();
          player.unload();
          player.detachMediaElement();
          player.destroy();
        },
      };
    }
    case 'hls.js': {
      const hls = new Hls({
        enableWorker: false,
        lowLatencyMode: true,
        liveSyncDurationCount: 2,
        liveMaxLatencyDurationCount: 6,
        backBufferLength: 30,
        // The first token may have expired by the time a segment is asked for: each request takes the freshest.
        xhrSetup: (xhr, url) => xhr.open('GET', withToken(url, grant.token, start.currentToken()), true),
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) callbacks.onFailure(data.type === Hls.ErrorTypes.MEDIA_ERROR ? 'media' : 'network');
      });
      hls.loadSource(grant.hlsUrl);
      hls.attachMedia(video);
      return { stop: () => hls.destroy() };
    }
    case 'native-hls': {
      const onError = () => callbacks.onFailure('network');
      const onEnded = () => callbacks.onFailure('network');
      video.addEventListener('error', onError);
      video.addEventListener('ended', onEnded);
      video.src = grant.hlsUrl;
      return {
        stop: () => {
          video.removeEventListener('error', onError);
          video.removeEventListener('ended', onEnded);
          video.removeAttribute('src');
          video.load();
        },
      };
    }
  }
}

/** Says when frames move, and reports a stall: no progress for `STALL_MS` while the element is not paused. */
function watchProgress(video: HTMLVideoElement, callbacks: EngineStart['callbacks']) {
  let lastTime = video.currentTime;
  let lastProgress = performance.now();
  let playing = false;
  const timer = setInterval(() => {
    const now = performance.now();
    if (video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      lastProgress = now;
      if (!playing) {
        playing = true;
        callbacks.onPlaying();
      }
      return;
    }
    // A paused element (autoplay refused, waiting for a tap) is not a lost stream.
    if (video.paused) lastProgress = now;
    else if (now - lastProgress >= STALL_MS) callbacks.onFailure('network');
  }, STALL_CHECK_MS);
  return { stop: () => clearInterval(timer) };
}
