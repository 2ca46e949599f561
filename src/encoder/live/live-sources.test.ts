import { describe, expect, it } from 'vitest';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { liveInputPlan, liveSourceSchema, LiveSourceError } from './live-sources';

const hd = LIVE_PRESETS['720p30'].settings;
const audioOnly = LIVE_PRESETS['audio-only'].settings;
const silence = ['-f', 'lavfi', '-i', 'anullsrc=channel_layout=stereo:sample_rate=48000'];

describe('live sources as ffmpeg inputs', () => {
  it('paces the test pattern and its tone in real time at the preset size', () => {
    expect(liveInputPlan({ kind: 'test-pattern' }, hd)).toMatchObject({
      args: [
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=1280x720:rate=30',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:sample_rate=48000',
      ],
      inputCount: 2,
      videoMap: '0:v:0',
      audioMap: '1:a:0',
    });
    expect(liveInputPlan({ kind: 'test-pattern' }, audioOnly)).toMatchObject({
      inputCount: 1,
      videoMap: null,
    });
  });

  it('loops a media file or plays it once, and adds silence to a file without sound', () => {
    const looped = liveInputPlan({ kind: 'file', path: '/v/a b.mp4', loop: true, hasAudio: true }, hd);
    expect(looped.args).toEqual(['-re', '-stream_loop', '-1', '-i', '/v/a b.mp4']);
    const once = liveInputPlan({ kind: 'file', path: '/v/mute.mp4', loop: false, hasAudio: false }, hd);
    expect(once.args).toEqual(['-re', '-i', '/v/mute.mp4', ...silence]);
    expect(once).toMatchObject({ videoMap: '0:v:0', audioMap: '1:a:0', inputCount: 2 });
  });

  it('captures the X11 screen and a PulseAudio or ALSA microphone on Linux', () => {
    const plan = liveInputPlan(
      {
        kind: 'screen',
        screen: ':0.0',
        microphone: 'pulse:alsa_input.usb-Yeti.analog-stereo',
        windowsCapture: 'gdigrab',
      },
      hd,
      { platform: 'linux' },
    );
    expect(plan.args).toEqual([
      '-thread_queue_size',
      '1024',
      '-f',
      'x11grab',
      '-framerate',
      '30',
      '-draw_mouse',
      '1',
      '-i',
      ':0.0',
      '-thread_queue_size',
      '1024',
      '-f',
      'pulse',
      '-i',
      'alsa_input.usb-Yeti.analog-stereo',
    ]);
    const camera = liveInputPlan(
      { kind: 'camera', camera: '/dev/video0', microphone: 'alsa:hw:CARD=PCH,DEV=0' },
      hd,
      {
        platform: 'linux',
      },
    );
    expect(camera.args).toEqual([
      '-thread_queue_size',
      '1024',
      '-f',
      'v4l2',
      '-framerate',
      '30',
      '-i',
      '/dev/video0',
      '-thread_queue_size',
      '1024',
      '-f',
      'alsa',
      '-i',
      'hw:CARD=PCH,DEV=0',
    ]);
  });

  it('opens camera and microphone as one avfoundation input on macOS, and sends silence without a microphone', () => {
    const camera = liveInputPlan({ kind: 'camera', camera: '0', microphone: '1' }, hd, {
      platform: 'darwin',
    });
    expect(camera.args).toEqual([
      '-thread_queue_size',
      '1024',
      '-f',
      'avfoundation',
      '-framerate',
      '30',
      '-i',
      '0:1',
    ]);
    expect(camera).toMatchObject({ inputCount: 1, videoMap: '0:v:0', audioMap: '0:a:0' });
    const screen = liveInputPlan(
      { kind: 'screen', screen: '3', microphone: null, windowsCapture: 'gdigrab' },
      hd,
      { platform: 'darwin' },
    );
    expect(screen.args).toEqual([
      '-thread_queue_size',
      '1024',
      '-f',
      'avfoundation',
      '-framerate',
      '30',
      '-capture_cursor',
      '1',
      '-i',
      '3:none',
      ...silence,
    ]);
  });

  it('uses dshow names (a colon escaped) on Windows, and gdigrab or ddagrab for the screen', () => {
    const camera = liveInputPlan(
      { kind: 'camera', camera: 'Integrated Camera', microphone: 'Mic: Realtek(R) Audio' },
      hd,
      { platform: 'win32' },
    );
    expect(camera.args).toEqual([
      '-thread_queue_size',
      '1024',
      '-f',
      'dshow',
      '-rtbufsize',
      '256M',
      '-i',
      'video=Integrated Camera:audio=Mic\\: Realtek(R) Audio',
    ]);
    const gdi = liveInputPlan(
      { kind: 'screen', screen: 'desktop', microphone: null, windowsCapture: 'gdigrab' },
      hd,
      {
        platform: 'win32',
      },
    );
    expect(gdi.args.slice(0, 10)).toEqual([
      '-thread_queue_size',
      '1024',
      '-f',
      'gdigrab',
      '-framerate',
      '30',
      '-draw_mouse',
      '1',
      '-i',
      'desktop',
    ]);
    const dda = liveInputPlan(
      { kind: 'screen', screen: '1', microphone: null, windowsCapture: 'ddagrab' },
      hd,
      {
        platform: 'win32',
      },
    );
    expect(dda.args.slice(0, 4)).toEqual([
      '-f',
      'lavfi',
      '-i',
      'ddagrab=output_idx=1:framerate=30,hwdownload,format=bgra',
    ]);
  });

  it('refuses sound alone without a microphone, in words', () => {
    expect(() =>
      liveInputPlan({ kind: 'camera', camera: '/dev/video0', microphone: null }, audioOnly, {
        platform: 'linux',
      }),
    ).toThrow(new LiveSourceError('Sound alone needs a microphone: choose one, or a preset with video.'));
  });

  it('validates a source sent by the Live screen, with clear messages', () => {
    expect(liveSourceSchema.parse({ kind: 'camera', camera: '/dev/video0' })).toEqual({
      kind: 'camera',
      camera: '/dev/video0',
      microphone: null,
    });
    const unknown = liveSourceSchema.safeParse({ kind: 'webcam' });
    expect(unknown.error?.issues[0]?.message).toBe(
      'Choose a source: the screen, a camera, a media file or the test pattern',
    );
    expect(liveSourceSchema.safeParse({ kind: 'file', path: '' }).error?.issues[0]?.message).toBe(
      'Choose a media file',
    );
  });
});
