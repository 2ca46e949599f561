import { describe, expect, it } from 'vitest';
import { listCaptureDevices } from './device-lister';

describe('listing capture devices with the real ffmpeg', () => {
  it('does not throw on this Linux machine (no camera, no PulseAudio, no display), and says what is missing', async () => {
    const list = await listCaptureDevices({ ffmpegPath: 'ffmpeg', platform: 'linux', env: {} });
    expect(list.video.every((device) => device.id.startsWith('/dev/'))).toBe(true);
    expect(list.screens).toEqual([]);
    // ALSA's null device records silence: it is never offered as a microphone.
    expect(list.audio.map((device) => device.id)).not.toContain('alsa:null');
    expect(list.audio.every((device) => /^(pulse|alsa):/.test(device.id))).toBe(true);
    expect(list.problems).toContain('Screen capture needs an X11 display, and DISPLAY is not set.');
    expect(
      list.problems.some((problem) => problem.startsWith('Microphones (pulse) could not be listed')),
    ).toBe(true);
  });

  it('offers the X11 display as the screen when DISPLAY is set', async () => {
    const list = await listCaptureDevices({
      ffmpegPath: 'ffmpeg',
      platform: 'linux',
      env: { DISPLAY: ':1' },
    });
    expect(list.screens).toEqual([
      { kind: 'screen', id: ':1', name: 'Screen (X11 display :1)', isDefault: true },
    ]);
  });

  it('does not throw when ffmpeg is missing, and says so', async () => {
    const list = await listCaptureDevices({ ffmpegPath: '/nonexistent/ffmpeg', platform: 'darwin' });
    expect(list).toMatchObject({ video: [], audio: [], screens: [] });
    expect(list.problems[0]).toMatch(/^ffmpeg could not be started/);
  });
});
