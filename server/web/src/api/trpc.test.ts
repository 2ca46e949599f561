import { describe, expect, it } from 'vitest';
import { socketRetryDelay, webSocketUrl } from './trpc';

describe('webSocketUrl', () => {
  it("opens the socket on the page's own origin, at /trpc", () => {
    expect(webSocketUrl('http://127.0.0.1:4000/c/ana/live/abc?x=1#chat')).toBe('ws://127.0.0.1:4000/trpc');
  });

  it('uses wss under https, so the session cookie never crosses in the clear', () => {
    expect(webSocketUrl('https://mesi.example/c/ana')).toBe('wss://mesi.example/trpc');
  });
});

describe('socketRetryDelay', () => {
  it('reconnects at once, then backs off to at most ten seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(socketRetryDelay)).toEqual([
      0, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000,
    ]);
  });
});
