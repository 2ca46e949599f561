import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedMediaServer, type MediaServerHooks } from './media-server';

const noHooks: MediaServerHooks = {
  prePublish: () => undefined,
  postPublish: () => undefined,
  donePublish: () => undefined,
  prePlay: () => undefined,
  postPlay: () => undefined,
  donePlay: () => undefined,
};

describe('node-media-server inside the process', () => {
  const storeDir = mkdtempSync(path.join(tmpdir(), 'mesi-nms-'));
  afterAll(() => rmSync(storeDir, { recursive: true, force: true }));
  const options = { host: '127.0.0.1', rtmpPort: 0, httpPort: 0, storeDir, hooks: noHooks };

  it('refuses a taken port in words instead of ending the process, and then starts on free ones', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      await expect(EmbeddedMediaServer.start({ ...options, rtmpPort: port })).rejects.toThrow(
        `The live relay cannot listen on 127.0.0.1:${port} (RTMP_PORT): the port is in use`,
      );
      await expect(EmbeddedMediaServer.start({ ...options, httpPort: port })).rejects.toThrow(
        /LIVE_HTTP_PORT/,
      );
    } finally {
      taken.close();
    }
    const server = await EmbeddedMediaServer.start(options);
    expect(server.rtmpPort).toBeGreaterThan(0);
    expect(server.httpPort).toBeGreaterThan(0);
    expect(server.httpPort).not.toBe(server.rtmpPort);
    await server.stop();
  });

  it('runs one instance per process (node-media-server keeps global state); another may start after a stop', async () => {
    const first = await EmbeddedMediaServer.start(options);
    await expect(EmbeddedMediaServer.start(options)).rejects.toThrow(/already running/);
    await first.stop();
    const second = await EmbeddedMediaServer.start(options);
    await second.stop();
  });

  it('refuses WebSocket-FLV and answers an HTTP path it does not serve with 404', async () => {
    const server = await EmbeddedMediaServer.start(options);
    try {
      const answer = await fetch(`http://127.0.0.1:${server.httpPort}/admin/`);
      expect(answer.status).toBe(404);
      const { default: WebSocket } = await import('ws');
      const closed = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.httpPort}/live/stream.flv`);
        socket.on('close', (code) => resolve(code));
        socket.on('error', () => undefined);
      });
      expect(closed).toBe(1008);
    } finally {
      await server.stop();
    }
  });
});
