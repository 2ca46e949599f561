import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAvfoundationDevices, parseDshowDevices, parseSourcesListing } from './capture-devices';

/** Outputs as ffmpeg prints them on each OS (recorded, with the devices of real machines). */
const fixture = (name: string) => readFileSync(new URL(`./test/fixtures/${name}`, import.meta.url), 'utf8');

describe('ffmpeg -sources (Linux: pulse, alsa, v4l2)', () => {
  it('lists PulseAudio sources with their descriptions, monitors and the default', () => {
    const devices = parseSourcesListing(fixture('linux-pulse-ffmpeg6.txt'), 'audio');
    expect(devices).toEqual([
      {
        kind: 'audio',
        id: 'alsa_output.pci-0000_00_1f.3.analog-stereo.monitor',
        name: 'Monitor of Built-in Audio Analog Stereo',
        isDefault: false,
      },
      {
        kind: 'audio',
        id: 'alsa_input.pci-0000_00_1f.3.analog-stereo',
        name: 'Built-in Audio Analog Stereo',
        isDefault: true,
      },
      {
        kind: 'audio',
        id: 'alsa_input.usb-Blue_Microphones_Yeti_Stereo_Microphone_REV8-00.analog-stereo',
        // Brackets inside a description stay in it.
        name: 'Yeti Stereo Microphone [Rev 8] Analog Stereo',
        isDefault: false,
      },
      {
        kind: 'audio',
        id: 'bluez_input.F8_4E_17_AA_01_02.0',
        name: 'Casque de Léa – Écouteurs',
        isDefault: false,
      },
    ]);
  });

  it('lists nothing when PulseAudio is not running (as on a server)', () => {
    expect(parseSourcesListing(fixture('linux-pulse-no-server.txt'), 'audio')).toEqual([]);
  });

  it('lists ALSA devices whose ids hold colons and commas', () => {
    const devices = parseSourcesListing(fixture('linux-alsa-ffmpeg5.txt'), 'audio');
    expect(devices.map((device) => device.id)).toEqual([
      'null',
      'default',
      'hw:CARD=PCH,DEV=0',
      'plughw:CARD=Yeti,DEV=0',
      'dsnoop:CARD=Yeti,DEV=0',
    ]);
    expect(devices.find((device) => device.isDefault)?.id).toBe('default');
  });

  it('lists v4l2 cameras by device path, and none when there are none', () => {
    expect(parseSourcesListing(fixture('linux-v4l2-ffmpeg5.txt'), 'video')).toEqual([
      { kind: 'video', id: '/dev/video0', name: 'Integrated_Webcam_HD: Integrate', isDefault: false },
      { kind: 'video', id: '/dev/video2', name: 'Logitech BRIO', isDefault: false },
    ]);
    expect(parseSourcesListing(fixture('linux-v4l2-none.txt'), 'video')).toEqual([]);
  });
});

describe('avfoundation -list_devices (macOS)', () => {
  it('splits cameras, screens and microphones by section, keeping unicode names (ffmpeg 7)', () => {
    const devices = parseAvfoundationDevices(fixture('macos-avfoundation-ffmpeg7.txt'));
    expect(devices.map(({ kind, id, name }) => `${kind} ${id} ${name}`)).toEqual([
      'video 0 FaceTime HD Camera',
      'video 1 Léa’s iPhone Camera',
      'video 2 OBS Virtual Camera',
      'screen 3 Capture screen 0',
      'screen 4 Capture screen 1',
      'audio 0 MacBook Pro Microphone',
      'audio 1 BlackHole 2ch',
      'audio 2 Microsoft Teams Audio',
    ]);
  });

  it('reads the older "AVFoundation input device" prefix and names with parentheses (ffmpeg 4)', () => {
    const devices = parseAvfoundationDevices(fixture('macos-avfoundation-ffmpeg4.txt'));
    expect(devices.map(({ kind, id, name }) => `${kind} ${id} ${name}`)).toEqual([
      'video 0 CamTwist',
      'video 1 Built-in iSight',
      'screen 2 Capture screen 0',
      'audio 0 Soundflower (64ch)',
      'audio 1 Built-in Microphone',
    ]);
  });
});

describe('dshow -list_devices (Windows)', () => {
  it('reads each device with its kind, skips Alternative name lines and devices with no pins (ffmpeg 5/6)', () => {
    const devices = parseDshowDevices(fixture('windows-dshow-ffmpeg6.txt'));
    expect(devices.map(({ kind, id }) => `${kind} ${id}`)).toEqual([
      'video Integrated Camera',
      'video OBS Virtual Camera',
      'video Elgato HD60 S+',
      'audio Elgato HD60 S+',
      'audio Microphone (Realtek(R) Audio)',
      'audio 麦克风 (High Definition Audio 设备)',
    ]);
  });

  it('reads the ffmpeg 7 lines logged from the input context ([in#0 @ …])', () => {
    expect(
      parseDshowDevices(fixture('windows-dshow-ffmpeg7.txt')).map(({ kind, id }) => `${kind} ${id}`),
    ).toEqual(['video screen-capture-recorder', 'audio virtual-audio-capturer']);
  });

  it('reads the older sectioned form (ffmpeg 4)', () => {
    expect(
      parseDshowDevices(fixture('windows-dshow-ffmpeg4.txt')).map(({ kind, id }) => `${kind} ${id}`),
    ).toEqual([
      'video USB 2861 Device',
      'video FaceTime HD Camera',
      'audio Headset Microphone (Cirrus Logic CS4208 (AB 94))',
    ]);
  });
});
