import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { ffprobeJson, scratchFolder } from '../test/media';
import { listCaptureDevices } from './device-lister';
import { LivePush } from './live-push';
import { waitFor } from './test/push-events';
import { RtmpRelay } from './test/rtmp-relay';
import { hasXvfb, VirtualDisplay } from './test/virtual-display';

// A real X11 screen needs Xvfb (`apt-get install xvfb`, which CI installs); without it this file says so.
describe.skipIf(!hasXvfb())('screen capture on Linux (x11grab, on a virtual X11 screen)', () => {
  const scratch = scratchFolder('live-screen');
  let relay: RtmpRelay;
  let screen: VirtualDisplay;

  beforeAll(async () => {
    [relay, screen] = await Promise.all([RtmpRelay.start(scratch.dir), VirtualDisplay.start()]);
  });
  afterAll(async () => {
    screen?.stop();
    await relay?.down();
    scratch.cleanup();
  });

  it('lists the display as a screen and pushes it live, scaled to the preset, with silence for sound', async () => {
    const devices = await listCaptureDevices({
      ffmpegPath: 'ffmpeg',
      platform: 'linux',
      env: { DISPLAY: screen.display },
    });
    expect(devices.screens.map((device) => device.id)).toEqual([screen.display]);

    const push = new LivePush({
      source: { kind: 'screen', screen: devices.screens[0]!.id, microphone: null, windowsCapture: 'gdigrab' },
      settings: LIVE_PRESETS['480p30'].settings,
      ingestUrl: relay.ingestUrl('desk'),
      recording: { folder: scratch.dir, name: 'desk' },
      platform: 'linux',
    });
    const outTimes: number[] = [];
    push.on('stats', (stats) => outTimes.push(stats.outTimeMs ?? 0));
    push.start();
    await waitFor(push, () => (outTimes.at(-1) ?? 0) >= 2000, '2 s of the screen pushed');
    expect(relay.published).toContain('/live/desk');
    const summary = await push.stop();
    expect(summary.state).toEqual({ kind: 'stopped', reason: 'requested' });

    const probe = await ffprobeJson(summary.parts[0]!);
    expect(probe.streams.map((stream) => stream.codec_type)).toEqual(['video', 'audio']);
    // 1280x720 captured, 854x480 sent: scaled with the aspect kept.
    expect(probe.streams[0]).toMatchObject({ width: 854, height: 480 });
  });
});
