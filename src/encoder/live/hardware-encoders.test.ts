import { describe, expect, it } from 'vitest';
import type { LiveVideoEncoder } from '@shared/domain/live/presets';
import {
  chooseVideoEncoder,
  detectVideoEncoder,
  encoderDeviceArgs,
  parseEncoderNames,
  type EncoderTrial,
} from './hardware-encoders';

const ENCODERS_LISTING = `Encoders:
 V..... = Video
 A..... = Audio
 S..... = Subtitle
 .F.... = Frame-level multithreading
 ..S... = Slice-level multithreading
 ...X.. = Codec is experimental
 ....B. = Supports draw_horiz_band
 .....D = Supports direct rendering method 1
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 V..... h264_qsv             H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (Intel Quick Sync Video acceleration) (codec h264)
 V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)
 A....D aac                  AAC (Advanced Audio Coding)
`;

/** A trial that works only for the encoders in `working`, remembering what was tried. */
function fakeTrials(working: LiveVideoEncoder[]) {
  const tried: LiveVideoEncoder[] = [];
  const tryEncoder = async (encoder: LiveVideoEncoder): Promise<EncoderTrial> => {
    tried.push(encoder);
    const works = working.includes(encoder);
    return { encoder, works, reason: works ? null : 'No device' };
  };
  return { tried, tryEncoder };
}

describe('hardware encoder selection', () => {
  it('reads the encoder names from ffmpeg -encoders, not the legend', () => {
    const names = parseEncoderNames(ENCODERS_LISTING);
    expect([...names]).toEqual(['libx264', 'h264_nvenc', 'h264_qsv', 'h264_vaapi', 'aac']);
  });

  it('prefers the first listed hardware encoder whose test encode works', async () => {
    const { tried, tryEncoder } = fakeTrials(['h264_qsv', 'h264_vaapi']);
    const choice = await chooseVideoEncoder(parseEncoderNames(ENCODERS_LISTING), tryEncoder);
    expect(choice.encoder).toBe('h264_qsv');
    // NVENC was tried first and failed; VAAPI was not needed; encoders not in the build are never tried.
    expect(tried).toEqual(['h264_nvenc', 'h264_qsv']);
    expect(choice.trials).toEqual([
      { encoder: 'h264_nvenc', works: false, reason: 'No device' },
      { encoder: 'h264_qsv', works: true, reason: null },
    ]);
  });

  it('falls back to x264 when every hardware encoder fails or is absent', async () => {
    const { tried, tryEncoder } = fakeTrials([]);
    expect((await chooseVideoEncoder(parseEncoderNames(ENCODERS_LISTING), tryEncoder)).encoder).toBe(
      'libx264',
    );
    expect(tried).toEqual(['h264_nvenc', 'h264_qsv', 'h264_vaapi']);
    expect((await chooseVideoEncoder(new Set(['libx264']), tryEncoder)).encoder).toBe('libx264');
  });

  it('opens the VAAPI device before the inputs, and nothing for the others', () => {
    expect(encoderDeviceArgs('h264_vaapi')).toEqual(['-vaapi_device', '/dev/dri/renderD128']);
    expect(encoderDeviceArgs('h264_nvenc')).toEqual([]);
  });

  it('chooses x264 on this machine (no GPU: every hardware encoder ffmpeg lists fails its test) and caches it', async () => {
    const choice = await detectVideoEncoder('ffmpeg');
    expect(choice.encoder).toBe('libx264');
    expect(choice.trials.length).toBeGreaterThan(0);
    for (const trial of choice.trials) {
      expect(trial.works).toBe(false);
      expect(trial.reason).toBeTruthy();
    }
    expect(detectVideoEncoder('ffmpeg')).toBe(detectVideoEncoder('ffmpeg'));
  });
});
