import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { PlaybackEngine } from './playback-engine';
import { engineStarter, loadPlayerModules, playbackSupport } from './playback-engines';
import { type PlaybackGrant, type PlaybackPhase, PlaybackSession } from './playback-session';

export interface LivePlayer {
  readonly ref: RefObject<HTMLVideoElement | null>;
  /** Null while nothing plays (the stream is not live). */
  readonly phase: PlaybackPhase | 'unavailable' | null;
  readonly engine: PlaybackEngine | null;
  readonly muted: boolean;
  /** The browser refused to start even muted video: the fan presses Play. */
  readonly paused: boolean;
  readonly toggleMuted: () => void;
  readonly play: () => void;
}

interface LivePlayerOptions {
  /** The stream is live: play it. When it turns false the player stops. */
  readonly live: boolean;
  /** The grant `live.watch` gave last (null while it gave none). */
  readonly grant: PlaybackGrant | null;
  /** Asks `live.watch` again (a fresh token), answering its grant, or null when it gives none. */
  readonly renew: () => Promise<PlaybackGrant | null>;
  /** The creator's encoder is sending (the stream's status says so). */
  readonly publishing: boolean;
}

/**
 * A live stream in a `<video>`: muted autoplay with an unmute, and a `PlaybackSession` that reconnects by itself
 * while the stream is live. The players (mpegts.js, hls.js) load the first time a stream is live.
 */
export function useLivePlayer({ live, grant, renew, publishing }: LivePlayerOptions): LivePlayer {
  const ref = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<LivePlayer['phase']>(null);
  const [engine, setEngine] = useState<PlaybackEngine | null>(null);
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(false);
  // The session reads these when it needs them, so a new token does not restart the player.
  const grantRef = useRef(grant);
  const renewRef = useRef(renew);
  const publishingRef = useRef(publishing);
  useEffect(() => {
    grantRef.current = grant;
    renewRef.current = renew;
    publishingRef.current = publishing;
  }, [grant, renew, publishing]);

  useEffect(() => {
    const video = ref.current;
    if (!live || !video) return;
    let session: PlaybackSession | null = null;
    let stopped = false;
    video.muted = true;
    setPhase('connecting');
    loadPlayerModules().then(
      (modules) => {
        if (stopped) return;
        session = new PlaybackSession({
          support: playbackSupport(modules, video),
          startEngine: engineStarter(modules, video),
          currentGrant: () => grantRef.current,
          renew: () => renewRef.current(),
          onPhase: (next, nextEngine) => {
            setPhase(next);
            setEngine(nextEngine);
          },
          isPublishing: () => publishingRef.current,
          now: () => Date.now(),
          setTimer: (run, ms) => window.setTimeout(run, ms),
          clearTimer: (timer) => window.clearTimeout(timer as number),
        });
        session.start();
      },
      () => {
        if (!stopped) setPhase('unavailable');
      },
    );
    const onPlay = () => setPaused(false);
    const onPause = () => setPaused(true);
    const onVolume = () => setMuted(video.muted);
    video.addEventListener('play', onPlay);
    video.addEventListener('pause', onPause);
    video.addEventListener('volumechange', onVolume);
    return () => {
      stopped = true;
      session?.stop();
      video.removeEventListener('play', onPlay);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('volumechange', onVolume);
      setPhase(null);
      setEngine(null);
      setPaused(false);
    };
  }, [live]);

  const toggleMuted = useCallback(() => {
    const video = ref.current;
    if (!video) return;
    video.muted = !video.muted;
    // Unmuting is a tap on the page: the browser now lets sound play, and a refused autoplay start.
    if (video.paused) void video.play().catch(() => undefined);
  }, []);
  const play = useCallback(() => {
    void ref.current?.play().catch(() => undefined);
  }, []);

  return { ref, phase, engine, muted, paused, toggleMuted, play };
}
