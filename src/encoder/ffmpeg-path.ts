import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/** The two programs the encoder runs. Absolute paths. */
export interface FfmpegPaths {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}

export interface FfmpegPathOptions {
  /** The studio's setting (or the server's config): wins over everything; must exist if given. */
  readonly ffmpegPath?: string | null;
  /** Likewise for ffprobe; absent: `FFPROBE_PATH`, then next to the chosen ffmpeg, then `PATH`. */
  readonly ffprobePath?: string | null;
  /** Where `FFMPEG_PATH`, `FFPROBE_PATH` and `PATH` are read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** ffmpeg-static's binary path, or null when the package is not installed (default: asks the package). */
  readonly staticBinary?: () => string | null;
  readonly platform?: NodeJS.Platform;
}

/** No ffmpeg (or ffprobe) could be found; the message lists every place tried and what to do. */
export class FfmpegNotFoundError extends Error {
  override readonly name = 'FfmpegNotFoundError';
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    // Windows has no execute bit: a file that exists is as runnable as it gets.
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function executableNames(
  program: string,
  platform: NodeJS.Platform,
  env: FfmpegPathOptions['env'],
): string[] {
  if (platform !== 'win32') return [program];
  const extensions = (env?.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean);
  return [program, ...extensions.map((extension) => program + extension.toLowerCase())];
}

function onPath(program: string, platform: NodeJS.Platform, env: FfmpegPathOptions['env']): string | null {
  const folders = (env?.PATH ?? env?.Path ?? '')
    .split(platform === 'win32' ? ';' : delimiter)
    .filter(Boolean);
  for (const folder of folders) {
    for (const name of executableNames(program, platform, env)) {
      const candidate = join(folder, name);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return null;
}

/**
 * ffmpeg-static's binary, if that optional package is installed and its download happened: the package exports
 * the path its install script would have written (or null on platforms it has no build for).
 */
export function ffmpegStaticBinary(): string | null {
  try {
    const exported: unknown = createRequire(import.meta.url)('ffmpeg-static');
    return typeof exported === 'string' ? exported : null;
  } catch {
    return null;
  }
}

/**
 * Finds ffmpeg as the developers' guide says: the explicit setting, then `FFMPEG_PATH`, then ffmpeg-static's
 * binary if the package is installed and its file exists, then `ffmpeg` on `PATH`. ffprobe: its explicit setting,
 * then `FFPROBE_PATH`, then the one next to the chosen ffmpeg, then `ffprobe` on `PATH`.
 *
 * A setting or variable that names a missing file is an error rather than a reason to look further: whoever set
 * it meant that binary, and silently running another one would hide the mistake.
 */
export function resolveFfmpegPaths(options: FfmpegPathOptions = {}): FfmpegPaths {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const ffmpeg = resolveFfmpeg(options, env, platform);
  return { ffmpeg, ffprobe: resolveFfprobe(options, env, platform, ffmpeg) };
}

function explicit(path: string | null | undefined, what: string, platform: NodeJS.Platform): string | null {
  if (!path) return null;
  if (!isExecutableFile(path, platform)) {
    throw new FfmpegNotFoundError(`${what} points to ${path}, which is not an executable file`);
  }
  return path;
}

function resolveFfmpeg(
  options: FfmpegPathOptions,
  env: NonNullable<FfmpegPathOptions['env']>,
  platform: NodeJS.Platform,
): string {
  const chosen =
    explicit(options.ffmpegPath, 'The ffmpeg setting', platform) ??
    explicit(env.FFMPEG_PATH, 'FFMPEG_PATH', platform);
  if (chosen) return chosen;
  const bundled = (options.staticBinary ?? ffmpegStaticBinary)();
  if (bundled && isExecutableFile(bundled, platform)) return bundled;
  const found = onPath('ffmpeg', platform, env);
  if (found) return found;
  throw new FfmpegNotFoundError(
    'ffmpeg was not found. Tried: the ffmpeg setting (not set), FFMPEG_PATH (not set), ' +
      `ffmpeg-static (${bundled ? `${bundled} does not exist` : 'not installed'}), ` +
      `ffmpeg on PATH (${env.PATH ?? env.Path ?? 'PATH is empty'}). ` +
      'Install ffmpeg (e.g. `apt-get install ffmpeg`, `brew install ffmpeg`) or set FFMPEG_PATH.',
  );
}

function resolveFfprobe(
  options: FfmpegPathOptions,
  env: NonNullable<FfmpegPathOptions['env']>,
  platform: NodeJS.Platform,
  ffmpeg: string,
): string {
  const chosen =
    explicit(options.ffprobePath, 'The ffprobe setting', platform) ??
    explicit(env.FFPROBE_PATH, 'FFPROBE_PATH', platform);
  if (chosen) return chosen;
  const besideName = executableNames('ffprobe', platform, env).find((name) =>
    isExecutableFile(join(dirname(ffmpeg), name), platform),
  );
  if (besideName) return join(dirname(ffmpeg), besideName);
  const found = onPath('ffprobe', platform, env);
  if (found) return found;
  throw new FfmpegNotFoundError(
    'ffprobe was not found. Tried: the ffprobe setting (not set), FFPROBE_PATH (not set), ' +
      `next to ffmpeg (${dirname(ffmpeg)}), ffprobe on PATH (${env.PATH ?? env.Path ?? 'PATH is empty'}). ` +
      'ffprobe comes with ffmpeg: install ffmpeg, or set FFPROBE_PATH.',
  );
}
