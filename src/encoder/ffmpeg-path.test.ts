import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FfmpegNotFoundError, resolveFfmpegPaths } from './ffmpeg-path';

let root: string;

/** An executable stand-in at `folder/name` (the resolver only checks that it exists and may run). */
function program(folder: string, name: string, executable = true): string {
  mkdirSync(join(root, folder), { recursive: true });
  const path = join(root, folder, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

const noStatic = () => null;

/** These tests are about ffmpeg: an ffprobe stand-in by FFPROBE_PATH keeps ffprobe out of the way. */
const withProbe = (env: Record<string, string>) => ({ FFPROBE_PATH: program('probe', 'ffprobe'), ...env });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mesi-ffmpeg-path-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('resolveFfmpegPaths: the order the developers guide gives', () => {
  it('takes the explicit setting first, even when FFMPEG_PATH, ffmpeg-static and PATH have one', () => {
    const setting = program('setting', 'ffmpeg');
    const fromEnv = program('env', 'ffmpeg');
    const bundled = program('static', 'ffmpeg');
    program('path', 'ffmpeg');
    const paths = resolveFfmpegPaths({
      ffmpegPath: setting,
      env: withProbe({ FFMPEG_PATH: fromEnv, PATH: join(root, 'path') }),
      staticBinary: () => bundled,
    });
    expect(paths.ffmpeg).toBe(setting);
  });

  it('then FFMPEG_PATH', () => {
    const fromEnv = program('env', 'ffmpeg');
    const bundled = program('static', 'ffmpeg');
    program('path', 'ffmpeg');
    const paths = resolveFfmpegPaths({
      env: withProbe({ FFMPEG_PATH: fromEnv, PATH: join(root, 'path') }),
      staticBinary: () => bundled,
    });
    expect(paths.ffmpeg).toBe(fromEnv);
  });

  it("then ffmpeg-static's binary when its file exists", () => {
    const bundled = program('static', 'ffmpeg');
    program('path', 'ffmpeg');
    const paths = resolveFfmpegPaths({
      env: withProbe({ PATH: join(root, 'path') }),
      staticBinary: () => bundled,
    });
    expect(paths.ffmpeg).toBe(bundled);
  });

  it('skips ffmpeg-static when the package is installed but its binary never downloaded', () => {
    const onPath = program('path', 'ffmpeg');
    const paths = resolveFfmpegPaths({
      env: withProbe({ PATH: join(root, 'path') }),
      staticBinary: () => join(root, 'static', 'ffmpeg'),
    });
    expect(paths.ffmpeg).toBe(onPath);
  });

  it('then the first ffmpeg on PATH that may run', () => {
    program('first', 'ffmpeg', false);
    const second = program('second', 'ffmpeg');
    program('third', 'ffmpeg');
    const PATH = ['first', 'missing', 'second', 'third'].map((folder) => join(root, folder)).join(':');
    const paths = resolveFfmpegPaths({ env: withProbe({ PATH }), staticBinary: noStatic, platform: 'linux' });
    expect(paths.ffmpeg).toBe(second);
  });

  it('finds ffprobe by FFPROBE_PATH, then next to the chosen ffmpeg, then on PATH', () => {
    const ffmpeg = program('tools', 'ffmpeg');
    const beside = program('tools', 'ffprobe');
    const fromEnv = program('env', 'ffprobe');
    const onPath = program('path', 'ffprobe');
    const PATH = join(root, 'path');
    expect(resolveFfmpegPaths({ ffmpegPath: ffmpeg, env: { FFPROBE_PATH: fromEnv, PATH } }).ffprobe).toBe(
      fromEnv,
    );
    expect(resolveFfmpegPaths({ ffmpegPath: ffmpeg, env: { PATH } }).ffprobe).toBe(beside);
    const alone = program('alone', 'ffmpeg');
    expect(resolveFfmpegPaths({ ffmpegPath: alone, env: { PATH } }).ffprobe).toBe(onPath);
  });

  it('the explicit ffprobe setting wins over FFPROBE_PATH', () => {
    const ffmpeg = program('tools', 'ffmpeg');
    const setting = program('setting', 'ffprobe');
    const fromEnv = program('env', 'ffprobe');
    const paths = resolveFfmpegPaths({
      ffmpegPath: ffmpeg,
      ffprobePath: setting,
      env: { FFPROBE_PATH: fromEnv },
    });
    expect(paths.ffprobe).toBe(setting);
  });

  it('finds ffmpeg.exe on a Windows PATH', () => {
    const exe = program('bin', 'ffmpeg.exe');
    program('bin', 'ffprobe.exe');
    const paths = resolveFfmpegPaths({
      env: { Path: join(root, 'bin') },
      staticBinary: noStatic,
      platform: 'win32',
    });
    expect(paths).toEqual({ ffmpeg: exe, ffprobe: join(root, 'bin', 'ffprobe.exe') });
  });
});

describe('resolveFfmpegPaths: clear errors', () => {
  it('names everything it tried when no ffmpeg exists', () => {
    const run = () =>
      resolveFfmpegPaths({
        env: { PATH: join(root, 'empty') },
        staticBinary: () => join(root, 'gone', 'ffmpeg'),
      });
    expect(run).toThrow(FfmpegNotFoundError);
    expect(run).toThrow(
      /FFMPEG_PATH \(not set\).*ffmpeg-static \(.*gone\/ffmpeg does not exist\).*PATH.*empty/s,
    );
  });

  it('refuses an FFMPEG_PATH that names a missing file instead of quietly using another ffmpeg', () => {
    program('path', 'ffmpeg');
    const missing = join(root, 'nowhere', 'ffmpeg');
    expect(() => resolveFfmpegPaths({ env: { FFMPEG_PATH: missing, PATH: join(root, 'path') } })).toThrow(
      `FFMPEG_PATH points to ${missing}, which is not an executable file`,
    );
  });

  it('says so when ffmpeg is found but ffprobe is not', () => {
    const ffmpeg = program('tools', 'ffmpeg');
    expect(() => resolveFfmpegPaths({ ffmpegPath: ffmpeg, env: { PATH: '' } })).toThrow(
      /ffprobe was not found/,
    );
  });

  it('finds the real ffmpeg and ffprobe of this machine', () => {
    const paths = resolveFfmpegPaths({ staticBinary: noStatic });
    expect(paths.ffmpeg).toMatch(/ffmpeg$/);
    expect(paths.ffprobe).toMatch(/ffprobe$/);
  });
});
