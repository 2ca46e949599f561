import { describe, expect, it } from 'vitest';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { liveInputPlan } from './live-sources';
import { livePushArgs, teeEscape } from './push-args';
import { classifyPushFailure, withoutUrlQueries } from './push-failure';
import { reconnectDelayMs } from './reconnect-backoff';
import { concatListLine, recordingPartPath } from './recording-parts';

describe('the push command line', () => {
  const settings = LIVE_PRESETS['720p30'].settings;
  const args = livePushArgs({
    inputs: liveInputPlan({ kind: 'test-pattern' }, settings),
    settings,
    encoder: 'libx264',
    ingestUrl: 'rtmp://127.0.0.1:1935/live/abc?key=k1',
    recordingFile: "/rec/Léa's show [1].part1.mkv",
  });

  it('reports progress on stdout, maps one video and one sound stream, and encodes once for both outputs', () => {
    expect(args.slice(0, 9)).toEqual([
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'info',
      '-progress',
      'pipe:1',
      '-stats_period',
      '0.5',
      '-re',
    ]);
    expect(args.filter((arg) => arg === '-map')).toHaveLength(2);
    expect(args.filter((arg) => arg === '-c:v')).toHaveLength(1);
    expect(args).toEqual(expect.arrayContaining(['-flags', '+global_header', '-f', 'tee']));
  });

  it('tees FLV to the ingest first and Matroska to the recording, escaping the file name', () => {
    expect(args.at(-1)).toBe(
      "[f=flv:onfail=abort:flvflags=no_duration_filesize]rtmp://127.0.0.1:1935/live/abc?key=k1|[f=matroska:cluster_time_limit=1000]/rec/Léa\\'s show \\[1\\].part1.mkv",
    );
    expect(teeEscape('a|b\\c')).toBe('a\\|b\\\\c');
  });

  it('names the recording parts in order', () => {
    expect(recordingPartPath('/rec', 'show', 2)).toBe('/rec/show.part2.mkv');
    expect(concatListLine("/rec/it's.part1.mkv")).toBe("file '/rec/it'\\''s.part1.mkv'");
  });
});

describe('reconnect backoff', () => {
  it('waits 1, 2, 4 … seconds, at most 30, spread by up to a fifth either way', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => reconnectDelayMs(attempt, middle))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(reconnectDelayMs(1, () => 0)).toBe(800);
    expect(reconnectDelayMs(1, () => 0.999999)).toBe(1200);
    expect(reconnectDelayMs(10, () => 0.999999)).toBe(30000);
  });
});

describe('why a push attempt ended', () => {
  it('blames the source when ffmpeg could not open all its inputs', () => {
    const failure = classifyPushFailure(
      [
        '[video4linux2,v4l2 @ 0x55c0e2306900] Cannot open video device /dev/video9: No such file or directory',
        '/dev/video9: No such file or directory',
      ],
      0,
      2,
      'the camera /dev/video9',
    );
    expect(failure).toEqual({
      kind: 'source',
      reason: 'Could not open the camera /dev/video9: /dev/video9: No such file or directory',
    });
  });

  it('calls a refused or cut connection a connection loss, naming the cause and hiding the key', () => {
    const refused = classifyPushFailure(
      [
        "Input #0, lavfi, from 'testsrc2':",
        "Input #1, lavfi, from 'sine':",
        '[tcp @ 0x5586] Connection to tcp://127.0.0.1:19351?tcp_nodelay=0 failed: Connection refused',
        "[tee @ 0x5586] Slave '[f=flv:onfail=abort]rtmp://127.0.0.1:19351/live/s1?key=secret': error opening: Connection refused",
        'Could not write header for output file #0 (incorrect codec parameters ?): Connection refused',
        'Error initializing output stream 0:1 -- ',
      ],
      2,
      2,
      'the test pattern',
    );
    expect(refused).toEqual({
      kind: 'connection',
      reason:
        'The connection to the server was lost: Connection to tcp://127.0.0.1:19351?tcp_nodelay=0 failed: Connection refused',
    });
    const cut = classifyPushFailure(
      [
        'Input #0, lavfi',
        'Input #1, lavfi',
        '[tee @ 0x1] Slave muxer #0 failed, aborting.',
        'av_interleaved_write_frame(): Broken pipe',
      ],
      2,
      2,
      'the test pattern',
    );
    expect(cut).toEqual({
      kind: 'connection',
      reason: 'The connection to the server was lost: av_interleaved_write_frame(): Broken pipe',
    });
    expect(withoutUrlQueries("Slave 'rtmp://h/live/s?key=secret|x': failed")).toBe(
      "Slave 'rtmp://h/live/s?…|x': failed",
    );
  });

  it('calls an encoder that cannot start a failure, not a connection loss', () => {
    const failure = classifyPushFailure(
      [
        'Input #0, lavfi',
        'Input #1, lavfi',
        '[h264_nvenc @ 0x1] Cannot load libcuda.so.1',
        'Error while opening encoder for output stream #0:0',
      ],
      2,
      2,
      'the test pattern',
    );
    expect(failure).toEqual({
      kind: 'encoder',
      reason: 'The encoder could not start: Error while opening encoder for output stream #0:0',
    });
  });
});
