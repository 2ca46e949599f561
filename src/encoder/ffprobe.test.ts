import { describe, expect, it } from 'vitest';
import type { SniffedMedia } from '@shared/domain/media/sniff';
import { UnreadableMediaError } from './encoder';
import { chosenStreams, ffprobeOutputSchema, probeFromFfprobe } from './ffprobe';

const mp4: SniffedMedia = { kind: 'video', mime: 'video/mp4', label: 'MP4 video' };
const jpeg: SniffedMedia = { kind: 'photo', mime: 'image/jpeg', label: 'JPEG photo' };

/** ffprobe's JSON as it prints it, through the same schema the adapter parses it with. */
const report = (json: unknown) => ffprobeOutputSchema.parse(json);

describe('probeFromFfprobe: ffprobe JSON to MediaProbe', () => {
  it('takes the video that is not a cover picture, wherever the cover is listed', () => {
    const output = report({
      streams: [
        {
          index: 0,
          codec_type: 'video',
          codec_name: 'mjpeg',
          width: 600,
          height: 600,
          disposition: { attached_pic: 1 },
        },
        { index: 1, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, duration: '12.5' },
        { index: 2, codec_type: 'audio', codec_name: 'aac', duration: '12.48' },
      ],
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.500000' },
    });
    expect(chosenStreams(output)).toMatchObject({ video: { index: 1 }, audio: { index: 2 } });
    expect(probeFromFfprobe(output, mp4, 1234)).toEqual({
      kind: 'video',
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationMs: 12_500,
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
      bytes: 1234,
    });
  });

  it('sound with only a cover picture is audio', () => {
    const output = report({
      streams: [
        { index: 0, codec_type: 'audio', codec_name: 'mp3' },
        {
          index: 1,
          codec_type: 'video',
          codec_name: 'png',
          width: 64,
          height: 64,
          disposition: { attached_pic: 1 },
        },
      ],
      format: { format_name: 'mp3', duration: '3.0' },
    });
    expect(probeFromFfprobe(output, mp4, 1)).toMatchObject({ kind: 'audio', width: null, videoCodec: null });
  });

  it('shows non-square pixels stretched and a quarter turn applied', () => {
    const anamorphic = report({
      streams: [
        {
          index: 0,
          codec_type: 'video',
          codec_name: 'h264',
          width: 1440,
          height: 1080,
          sample_aspect_ratio: '4:3',
        },
      ],
    });
    expect(probeFromFfprobe(anamorphic, mp4, 1)).toMatchObject({ width: 1920, height: 1080 });
    const turned = report({
      streams: [
        {
          index: 0,
          codec_type: 'video',
          codec_name: 'h264',
          width: 1920,
          height: 1080,
          side_data_list: [{ rotation: -90 }],
        },
      ],
    });
    expect(probeFromFfprobe(turned, mp4, 1)).toMatchObject({ width: 1080, height: 1920 });
  });

  it("falls back on the streams' durations, and knows none for a still", () => {
    const noFormatDuration = report({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'vp9', width: 640, height: 360, duration: '4.2' },
        { index: 1, codec_type: 'audio', codec_name: 'opus', duration: '4.25' },
      ],
      format: { format_name: 'matroska,webm', duration: 'N/A' },
    });
    expect(probeFromFfprobe(noFormatDuration, mp4, 1).durationMs).toBe(4_250);
    const still = report({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 800, height: 600, duration: '0.04' },
      ],
      format: { format_name: 'jpeg_pipe' },
    });
    expect(probeFromFfprobe(still, jpeg, 1)).toMatchObject({ kind: 'photo', durationMs: null, width: 800 });
  });

  it('refuses a file with neither video nor sound', () => {
    const dataOnly = report({
      streams: [{ index: 0, codec_type: 'data' }],
      format: { format_name: 'mov,mp4' },
    });
    expect(() => probeFromFfprobe(dataOnly, mp4, 1)).toThrow(
      new UnreadableMediaError('This MP4 video has no video or sound in it that we can play.'),
    );
  });
});
