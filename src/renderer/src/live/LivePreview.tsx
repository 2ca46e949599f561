import { useEffect, useRef, useState } from 'react';

type PreviewSource = { readonly kind: 'server'; readonly url: string } | { readonly kind: 'camera' } | null;

const sourceOf = (watchUrl: string | null, chosen: 'camera' | null): PreviewSource =>
  watchUrl ? { kind: 'server', url: watchUrl } : chosen === 'camera' ? { kind: 'camera' } : null;

/**
 * What fans see, as far as the studio can show it: the server's own playback of the stream (HTTP-FLV through
 * mpegts.js, loaded the first time it is needed) while on air, or this computer's camera before going live
 * where the browser offers one. The preview is muted: the creator hears themselves through the stream's delay
 * otherwise.
 */
export function LivePreview({ watchUrl }: { watchUrl: string | null }) {
  const video = useRef<HTMLVideoElement>(null);
  const [chosen, setChosen] = useState<'camera' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const source = sourceOf(watchUrl, chosen);
  const cameraAvailable = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

  useEffect(() => {
    const element = video.current;
    const source = sourceOf(watchUrl, chosen);
    if (!element || !source) return;
    let stop: () => void = () => undefined;
    let cancelled = false;
    setProblem(null);
    if (source.kind === 'camera') {
      navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(
        (stream) => {
          if (cancelled) return stream.getTracks().forEach((track) => track.stop());
          element.srcObject = stream;
          void element.play().catch(() => undefined);
          stop = () => stream.getTracks().forEach((track) => track.stop());
        },
        (error: unknown) =>
          setProblem(`The camera cannot be shown: ${error instanceof Error ? error.message : 'refused'}.`),
      );
    } else {
      void import('mpegts.js').then(
        ({ default: mpegts }) => {
          if (cancelled) return;
          if (!mpegts.getFeatureList().mseLivePlayback) {
            setProblem('This window cannot play the live stream (no Media Source Extensions).');
            return;
          }
          // As the fan page plays it: in this thread, no stash, chasing the live edge.
          const player = mpegts.createPlayer(
            { type: 'flv', isLive: true, url: source.url, cors: true },
            {
              enableWorker: false,
              enableStashBuffer: false,
              isLive: true,
              liveBufferLatencyChasing: true,
              lazyLoad: false,
              autoCleanupSourceBuffer: true,
            },
          );
          player.on(mpegts.Events.ERROR, () => setProblem('Your server’s playback could not be shown here.'));
          player.attachMediaElement(element);
          player.load();
          void Promise.resolve(player.play()).catch(() => undefined);
          stop = () => {
            // A player that failed half-way throws from its own teardown: the screen must outlive it.
            try {
              player.pause();
              player.unload();
              player.detachMediaElement();
              player.destroy();
            } catch {
              // nothing left to release
            }
          };
        },
        () => setProblem('The player could not be loaded.'),
      );
    }
    return () => {
      cancelled = true;
      stop();
      element.srcObject = null;
    };
  }, [watchUrl, chosen]);

  return (
    <section className="card live-preview" aria-labelledby="live-preview-title">
      <h2 id="live-preview-title">Preview</h2>
      <video ref={video} className="live-preview-video" muted playsInline aria-label="Stream preview" />
      <p className="muted small" aria-live="polite">
        {problem ??
          (source?.kind === 'server'
            ? 'Your stream as your server plays it to fans.'
            : source?.kind === 'camera'
              ? 'Your camera, as this computer sees it (not what fans see yet).'
              : 'Nothing to preview yet.')}
      </p>
      {!watchUrl && cameraAvailable && (
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setChosen(chosen === 'camera' ? null : 'camera')}
        >
          {chosen === 'camera' ? 'Hide camera preview' : 'Show camera preview'}
        </button>
      )}
    </section>
  );
}
