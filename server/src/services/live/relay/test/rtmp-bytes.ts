/**
 * The few RTMP and AMF0 bytes a hand-made client needs to connect and play (the relay's attack tests, the
 * viewers benchmark's RTMP players): messages in 128-byte chunks, AMF strings, numbers and flat objects.
 */
/** One RTMP message as chunks of 128 bytes (the size node-media-server reads until told otherwise). */
export function rtmpMessage(chunkStream: number, type: number, streamId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = chunkStream; // fmt 0
  header.writeUIntBE(payload.length, 4, 3);
  header[7] = type;
  header.writeUInt32LE(streamId, 8);
  const parts: Buffer[] = [header];
  for (let at = 0; at < payload.length; at += 128) {
    if (at > 0) parts.push(Buffer.from([0xc0 | chunkStream])); // fmt 3: the same message goes on
    parts.push(payload.subarray(at, at + 128));
  }
  return Buffer.concat(parts);
}

export function amfString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const head = Buffer.from([0x02, 0, 0]);
  head.writeUInt16BE(bytes.length, 1);
  return Buffer.concat([head, bytes]);
}

export function amfNumber(value: number): Buffer {
  const bytes = Buffer.alloc(9);
  bytes.writeDoubleBE(value, 1);
  return bytes;
}

export function amfObject(fields: Record<string, string>): Buffer {
  const parts: Buffer[] = [Buffer.from([0x03])];
  for (const [key, value] of Object.entries(fields)) {
    const name = Buffer.alloc(2);
    name.writeUInt16BE(key.length);
    parts.push(name, Buffer.from(key, 'utf8'), amfString(value));
  }
  parts.push(Buffer.from([0, 0, 0x09]));
  return Buffer.concat(parts);
}
