import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffMedia } from './sniff';

/** Bytes from numbers and ASCII strings, padded with zeros to 64 like a real file's head. */
function head(...parts: (string | number[])[]): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') bytes.push(...[...part].map((c) => c.charCodeAt(0)));
    else bytes.push(...part);
  }
  while (bytes.length < SNIFF_BYTES) bytes.push(0);
  return Uint8Array.from(bytes);
}

/** An ISO BMFF `ftyp` box: size, 'ftyp', major brand, minor version, compatible brands. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return head([0, 0, 0, size], 'ftyp', major, [0, 0, 2, 0], ...compatible);
}

describe('sniffMedia: what the first bytes say', () => {
  it.each([
    ['JPEG', head([0xff, 0xd8, 0xff, 0xe1]), 'photo', 'image/jpeg'],
    ['PNG', head([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'photo', 'image/png'],
    ['WebP', head('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'photo', 'image/webp'],
    ['GIF', head('GIF89a'), 'photo', 'image/gif'],
    ['HEIC (an iPhone photo)', ftyp('heic', 'mif1', 'heic'), 'photo', 'image/heic'],
    ['HEIC under mif1', ftyp('mif1', 'mif1', 'heic'), 'photo', 'image/heic'],
    ['AVIF', ftyp('avif', 'avif', 'mif1', 'miaf'), 'photo', 'image/avif'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video', 'video/mp4'],
    ['MOV', ftyp('qt  ', 'qt  '), 'video', 'video/quicktime'],
    ['3GP', ftyp('3gp4', 'isom', '3gp4'), 'video', 'video/3gpp'],
    ['M4A', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio', 'audio/mp4'],
    ['M4B', ftyp('M4B ', 'M4B ', 'isom'), 'audio', 'audio/mp4'],
    ['M4A under a generic major brand', ftyp('mp42', 'isom', 'M4A '), 'audio', 'audio/mp4'],
    [
      'WebM',
      head([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01], [0x42, 0x82, 0x84], 'webm'),
      'video',
      'video/webm',
    ],
    [
      'MKV',
      head([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86, 0x81, 0x01], [0x42, 0x82, 0x88], 'matroska'),
      'video',
      'video/x-matroska',
    ],
    ['AVI', head('RIFF', [0, 0, 1, 0], 'AVI LIST'), 'video', 'video/x-msvideo'],
    ['WAV', head('RIFF', [0x24, 0x08, 0, 0], 'WAVEfmt '), 'audio', 'audio/wav'],
    ['MP3 with an ID3 tag', head('ID3', [4, 0, 0]), 'audio', 'audio/mpeg'],
    [
      'MP3 frame (MPEG-1 layer III, 128 kb/s, 44.1 kHz)',
      head([0xff, 0xfb, 0x90, 0x64]),
      'audio',
      'audio/mpeg',
    ],
    [
      'Ogg Vorbis',
      head(
        'OggS',
        [0, 2],
        [0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 30, 1],
        'vorbis',
      ),
      'audio',
      'audio/ogg',
    ],
    [
      'Ogg Theora',
      head(
        'OggS',
        [0, 2],
        [0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 42, 0x80],
        'theora',
      ),
      'video',
      'video/ogg',
    ],
    ['FLAC', head('fLaC', [0, 0, 0, 0x22]), 'audio', 'audio/flac'],
    ['AAC in ADTS', head([0xff, 0xf1, 0x50, 0x80]), 'audio', 'audio/aac'],
  ] as const)('%s', (_name, bytes, kind, mime) => {
    expect(sniffMedia(bytes)).toMatchObject({ kind, mime });
    expect(sniffMedia(bytes)?.label).toBeTruthy();
  });

  it('decides with the head alone: the bytes after SNIFF_BYTES are never needed', () => {
    const mp4 = ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41');
    expect(sniffMedia(mp4.subarray(0, SNIFF_BYTES))).toMatchObject({ mime: 'video/mp4' });
    expect(SNIFF_BYTES).toBeLessThanOrEqual(64);
  });
});

describe('sniffMedia: refusals', () => {
  it.each([
    ['a Windows executable renamed .mp4 (MZ)', head('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ['an ELF executable', head([0x7f], 'ELF', [2, 1, 1])],
    ['a zip archive', head('PK', [3, 4, 20, 0])],
    ['a PDF', head('%PDF-1.7\n')],
    ['an HTML page', head('<!DOCTYPE html><html><body>')],
    ['an HTML page with leading space', head('\n  <html>')],
    ['an SVG (scriptable XML)', head('<?xml version="1.0"?><svg ')],
    ['an HLS playlist (ffmpeg would follow it)', head('#EXTM3U\n#EXT-X-VERSION:3\n')],
    ['a shell script', head('#!/bin/sh\nrm -rf /\n')],
    ['RIFF of another kind', head('RIFF', [0, 0, 0, 0], 'CDXA')],
    ['an ftyp of an unknown brand', ftyp('crx ', 'crx ')],
    ['an MPEG frame sync with a reserved layer', head([0xff, 0xe0, 0x00, 0x00])],
  ])('%s', (_name, bytes) => {
    expect(sniffMedia(bytes)).toBeNull();
  });

  it('an empty or too short file', () => {
    expect(sniffMedia(new Uint8Array(0))).toBeNull();
    expect(sniffMedia(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffMedia(Uint8Array.from([0x00, 0x00, 0x00]))).toBeNull();
  });
});
