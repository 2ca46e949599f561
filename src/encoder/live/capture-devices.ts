/**
 * Capture devices as ffmpeg itself lists them, parsed per OS. ffmpeg has no machine-readable device list: each
 * input device prints its own text (on stderr, prefixed with the device's log context), and that text changed
 * between versions, so each parser accepts every form seen from ffmpeg 4 to 7.
 */

export type CaptureDeviceKind = 'video' | 'audio' | 'screen';

/** One device a source can capture from. `id` is what goes into ffmpeg's `-i` for it. */
export interface CaptureDevice {
  readonly kind: CaptureDeviceKind;
  readonly id: string;
  /** The name to show. */
  readonly name: string;
  /** The system's default device of its kind (only `-sources` says so). */
  readonly isDefault: boolean;
}

/** Removes the log prefix (`[dshow @ 0000020b5cfa6b40] `, `[in#0 @ 0x…] `, `[AVFoundation indev @ 0x…] `). */
function withoutLogPrefix(line: string): string {
  return line.replace(/^\[[^\]]*@\s*(?:0x)?[0-9a-fA-F]+\]\s?/, '');
}

/**
 * `ffmpeg -hide_banner -sources <device>` (ffmpeg 4.3+): a header, then one line per source,
 * `* name [description] (media types)` with `*` on the default. Used for pulse, alsa and v4l2.
 */
export function parseSourcesListing(text: string, kind: CaptureDeviceKind): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  for (const line of text.split(/\r?\n/)) {
    // The name has no spaces in these backends; the description may hold anything, brackets included.
    const match = /^([* ]) (\S+) \[(.*)\] \(([^)]*)\)\s*$/.exec(line);
    if (!match) continue;
    const [, mark, id, description] = match;
    devices.push({ kind, id: id!, name: description!.trim() || id!, isDefault: mark === '*' });
  }
  return devices;
}

/**
 * `ffmpeg -f avfoundation -list_devices true -i ""` (macOS): a video section (cameras and `Capture screen N`),
 * then an audio section, each line `[index] name`. The index is the stable id within one listing.
 */
export function parseAvfoundationDevices(text: string): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  let section: 'video' | 'audio' | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = withoutLogPrefix(raw.trim());
    if (/AVFoundation video devices:?$/.test(line)) section = 'video';
    else if (/AVFoundation audio devices:?$/.test(line)) section = 'audio';
    else if (section) {
      const match = /^\[(\d+)\] (.+)$/.exec(line);
      if (!match) continue;
      const name = match[2]!.trim();
      const kind = section === 'audio' ? 'audio' : /^Capture screen \d+$/.test(name) ? 'screen' : 'video';
      devices.push({ kind, id: match[1]!, name, isDefault: false });
    }
  }
  return devices;
}

/**
 * `ffmpeg -list_devices true -f dshow -i dummy` (Windows). Two forms: ffmpeg 5+ prints `"name" (video)` or
 * `"name" (audio)` (or `(none)`) on each line; older builds print a `DirectShow video devices` and a
 * `DirectShow audio devices` header with bare `"name"` lines. Both follow a device with its
 * `Alternative name "@device_…"` line, which is not a device of its own. A device offering both kinds is
 * listed once per kind.
 */
export function parseDshowDevices(text: string): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  let section: 'video' | 'audio' | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = withoutLogPrefix(raw.trim()).trim();
    if (/^DirectShow video devices/.test(line)) section = 'video';
    else if (/^DirectShow audio devices/.test(line)) section = 'audio';
    else if (/^Alternative name /.test(line)) continue;
    else {
      const match = /^"(.*)"(?:\s+\(([^)]*)\))?$/.exec(line);
      if (!match) continue;
      const name = match[1]!;
      const kinds = match[2]?.split(',').map((kind) => kind.trim()) ?? (section ? [section] : []);
      for (const kind of kinds) {
        if (kind === 'video' || kind === 'audio') devices.push({ kind, id: name, name, isDefault: false });
      }
    }
  }
  return devices;
}
