import type { MediaKind } from './media';

/**
 * What a file is, told by its first bytes (its "magic"), never by its name or the type a client declares: an
 * `.exe` renamed `.mp4` must be refused before ffmpeg sees it, and so must playlists and text files, which
 * ffmpeg would happily open (an HLS playlist can make it read other local files). Pure: no Node APIs, so the
 * studio, the server and the encoder all use the same rules.
 */
export interface SniffedMedia {
  readonly kind: MediaKind;
  readonly mime: string;
  /** For people: "MP4 video", "JPEG photo". */
  readonly label: string;
}

/** The most bytes `sniffMedia` looks at: read this many from the start of a file (fewer if it is shorter). */
export const SNIFF_BYTES = 64;

const photo = (mime: string, label: string): SniffedMedia => ({ kind: 'photo', mime, label });
const video = (mime: string, label: string): SniffedMedia => ({ kind: 'video', mime, label });
const audio = (mime: string, label: string): SniffedMedia => ({ kind: 'audio', mime, label });

const ASF_GUID = [
  0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c,
];

function bytesAt(head: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (head.length < offset + expected.length) return false;
  return expected.every((byte, i) => head[offset + i] === byte);
}

function asciiAt(head: Uint8Array, offset: number, text: string): boolean {
  return bytesAt(
    head,
    offset,
    [...text].map((c) => c.charCodeAt(0)),
  );
}

function ascii(head: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...head.subarray(start, Math.min(end, head.length)));
}

function contains(head: Uint8Array, text: string): boolean {
  return ascii(head, 0, head.length).includes(text);
}

/**
 * The `ftyp` box of the ISO base media family (MP4, MOV, M4A, 3GP, HEIC, AVIF): its major brand, then its
 * compatible brands, as far as the head holds them. The brands say whether it is a still image, audio or video.
 */
function sniffIsoBmff(head: Uint8Array): SniffedMedia | null {
  const boxSize = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const end = Math.min(boxSize >= 16 ? boxSize : 16, head.length);
  const brands = [ascii(head, 8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(head, offset, offset + 4));
  // A specific brand (heic, M4A, qt) wins over a generic one (mif1, isom, mp42), wherever it is listed: a HEIC
  // may say `mif1` first, an M4A may say `mp42` first.
  const specific = brands.find((brand) => BRANDS[brand] && !GENERIC_BRANDS.has(brand));
  const generic = brands.find((brand) => BRANDS[brand]);
  const chosen = specific ?? generic;
  return chosen ? BRANDS[chosen]! : null;
}

const GENERIC_BRANDS = new Set([
  'mif1',
  'msf1',
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
]);

const BRANDS: Readonly<Record<string, SniffedMedia>> = {
  heic: photo('image/heic', 'HEIC photo'),
  heix: photo('image/heic', 'HEIC photo'),
  heim: photo('image/heic', 'HEIC photo'),
  heis: photo('image/heic', 'HEIC photo'),
  hevc: photo('image/heic-sequence', 'HEIC photo'),
  hevx: photo('image/heic-sequence', 'HEIC photo'),
  avif: photo('image/avif', 'AVIF photo'),
  avis: photo('image/avif', 'AVIF photo'),
  'M4A ': audio('audio/mp4', 'M4A audio'),
  'M4B ': audio('audio/mp4', 'M4B audiobook'),
  'M4P ': audio('audio/mp4', 'M4P audio'),
  'F4A ': audio('audio/mp4', 'F4A audio'),
  'F4B ': audio('audio/mp4', 'F4B audio'),
  'qt  ': video('video/quicktime', 'QuickTime video'),
  '3gp4': video('video/3gpp', '3GP video'),
  '3gp5': video('video/3gpp', '3GP video'),
  '3gp6': video('video/3gpp', '3GP video'),
  '3gp7': video('video/3gpp', '3GP video'),
  '3ge6': video('video/3gpp', '3GP video'),
  '3gg6': video('video/3gpp', '3GP video'),
  '3g2a': video('video/3gpp2', '3G2 video'),
  '3g2b': video('video/3gpp2', '3G2 video'),
  '3g2c': video('video/3gpp2', '3G2 video'),
  isom: video('video/mp4', 'MP4 video'),
  iso2: video('video/mp4', 'MP4 video'),
  iso3: video('video/mp4', 'MP4 video'),
  iso4: video('video/mp4', 'MP4 video'),
  iso5: video('video/mp4', 'MP4 video'),
  iso6: video('video/mp4', 'MP4 video'),
  mp41: video('video/mp4', 'MP4 video'),
  mp42: video('video/mp4', 'MP4 video'),
  avc1: video('video/mp4', 'MP4 video'),
  dash: video('video/mp4', 'MP4 video'),
  'M4V ': video('video/x-m4v', 'M4V video'),
  M4VH: video('video/x-m4v', 'M4V video'),
  M4VP: video('video/x-m4v', 'M4V video'),
  MSNV: video('video/mp4', 'MP4 video'),
  'f4v ': video('video/mp4', 'F4V video'),
  XAVC: video('video/mp4', 'MP4 video'),
  // `mif1`/`msf1` alone (no heic/avif brand after it): a HEIF image of some other codec.
  mif1: photo('image/heif', 'HEIF photo'),
  msf1: photo('image/heif-sequence', 'HEIF photo'),
};

/** An MPEG audio frame header: sync, a version and layer that exist, a bitrate and sample rate that exist. */
function isMpegAudioFrame(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return false;
  const version = (head[1]! >> 3) & 0b11;
  const layer = (head[1]! >> 1) & 0b11;
  const bitrate = head[2]! >> 4;
  const sampleRate = (head[2]! >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

/** AAC in ADTS frames (a raw `.aac`): the MPEG sync with layer bits 00, a sampling index that exists. */
function isAdtsFrame(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0xff || (head[1]! & 0xf6) !== 0xf0) return false;
  return ((head[2]! >> 2) & 0b1111) < 13;
}

/**
 * The media a file's first bytes announce, or null when they announce none we accept (executables, archives,
 * PDFs, HTML, playlists, text, or simply something we do not know). `head` is the file's first `SNIFF_BYTES`
 * bytes, or the whole file if shorter. The kind is the container's usual kind: ffprobe has the last word (an MP4
 * may hold only audio).
 */
export function sniffMedia(head: Uint8Array): SniffedMedia | null {
  if (bytesAt(head, 0, [0xff, 0xd8, 0xff])) return photo('image/jpeg', 'JPEG photo');
  if (bytesAt(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return photo('image/png', 'PNG image');
  if (asciiAt(head, 0, 'GIF87a') || asciiAt(head, 0, 'GIF89a')) return photo('image/gif', 'GIF image');
  if (asciiAt(head, 0, 'RIFF')) {
    if (asciiAt(head, 8, 'WEBP')) return photo('image/webp', 'WebP image');
    if (asciiAt(head, 8, 'AVI ')) return video('video/x-msvideo', 'AVI video');
    if (asciiAt(head, 8, 'WAVE')) return audio('audio/wav', 'WAV audio');
    return null;
  }
  if (asciiAt(head, 4, 'ftyp')) return sniffIsoBmff(head);
  if (bytesAt(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) {
    return contains(head, 'webm')
      ? video('video/webm', 'WebM video')
      : video('video/x-matroska', 'MKV video');
  }
  if (asciiAt(head, 0, 'OggS')) {
    return contains(head, 'theora') ? video('video/ogg', 'Ogg video') : audio('audio/ogg', 'Ogg audio');
  }
  if (asciiAt(head, 0, 'fLaC')) return audio('audio/flac', 'FLAC audio');
  if (asciiAt(head, 0, 'ID3')) return audio('audio/mpeg', 'MP3 audio');
  if (asciiAt(head, 0, 'FLV') && head[3] === 0x01) return video('video/x-flv', 'FLV video');
  if (bytesAt(head, 0, ASF_GUID)) return video('video/x-ms-asf', 'WMV video');
  if (bytesAt(head, 0, [0x00, 0x00, 0x01, 0xba])) return video('video/mpeg', 'MPEG video');
  if (isAdtsFrame(head)) return audio('audio/aac', 'AAC audio');
  if (isMpegAudioFrame(head)) return audio('audio/mpeg', 'MP3 audio');
  return null;
}
