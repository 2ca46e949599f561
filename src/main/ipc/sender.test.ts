import { describe, expect, it } from 'vitest';
import { isAllowedSender, isOwnRendererUrl } from './sender';

const packaged = 'file:///opt/Mesi%20Studio/resources/app.asar/out/renderer/index.html';
const dev = 'http://localhost:5173/';
const ours = { isOurWindow: true, isMainFrame: true };

describe('which pages may talk to the studio over IPC', () => {
  it('accepts our packaged renderer file, with any hash or query', () => {
    expect(isAllowedSender({ ...ours, frameUrl: packaged }, packaged)).toBe(true);
    expect(isAllowedSender({ ...ours, frameUrl: `${packaged}#/content` }, packaged)).toBe(true);
  });

  it('refuses any other local file, even next to ours', () => {
    expect(
      isOwnRendererUrl('file:///opt/Mesi%20Studio/resources/app.asar/out/renderer/other.html', packaged),
    ).toBe(false);
    expect(isOwnRendererUrl('file:///tmp/index.html', packaged)).toBe(false);
    expect(
      isOwnRendererUrl(
        'file://evil.example/opt/Mesi%20Studio/resources/app.asar/out/renderer/index.html',
        packaged,
      ),
    ).toBe(false);
  });

  it('accepts pages of the dev server origin only', () => {
    expect(isAllowedSender({ ...ours, frameUrl: 'http://localhost:5173/index.html' }, dev)).toBe(true);
    expect(isOwnRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isOwnRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('refuses remote pages, iframes, other windows and unparsable URLs', () => {
    expect(isAllowedSender({ ...ours, frameUrl: 'https://mesi.studio/' }, packaged)).toBe(false);
    expect(isAllowedSender({ ...ours, isMainFrame: false, frameUrl: packaged }, packaged)).toBe(false);
    expect(isAllowedSender({ ...ours, isOurWindow: false, frameUrl: packaged }, packaged)).toBe(false);
    expect(isAllowedSender({ ...ours, frameUrl: null }, packaged)).toBe(false);
    expect(isAllowedSender({ ...ours, frameUrl: 'not a url' }, packaged)).toBe(false);
    expect(isOwnRendererUrl(packaged, 'data:text/html,hi')).toBe(false);
  });
});
