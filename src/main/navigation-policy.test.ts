import { describe, expect, it } from 'vitest';
import { RENDERER_CONTENT_SECURITY_POLICY } from './content-security-policy';
import { externalLinkToOpen, isAllowedRendererRequest, isPermissionGranted } from './navigation-policy';

describe('links and permissions', () => {
  it('opens http and https links in the system browser', () => {
    expect(externalLinkToOpen('https://mesi.studio/c/ana')).toBe('https://mesi.studio/c/ana');
    expect(externalLinkToOpen('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/');
  });

  it('refuses every other scheme and links with credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'https://user:pw@mesi.studio/',
      'not a url',
    ]) {
      expect(externalLinkToOpen(url), url).toBeNull();
    }
  });

  it('denies permission requests by default', () => {
    expect(isPermissionGranted('media')).toBe(false);
    expect(isPermissionGranted('notifications')).toBe(false);
  });

  it('allows scripts and connections only from the app itself', () => {
    expect(RENDERER_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(RENDERER_CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(RENDERER_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('what the renderer may load', () => {
  const packaged = 'file:///opt/Mesi/resources/app.asar/out/renderer/index.html';
  it('loads its own files and inline images', () => {
    expect(
      isAllowedRendererRequest(
        'file:///opt/Mesi/resources/app.asar/out/renderer/assets/index-1.js',
        packaged,
      ),
    ).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA', packaged)).toBe(true);
  });
  it('loads nothing remote and no other local file', () => {
    expect(isAllowedRendererRequest('https://cdn.example.com/x.js', packaged)).toBe(false);
    expect(isAllowedRendererRequest('file:///etc/passwd', packaged)).toBe(false);
    expect(isAllowedRendererRequest('http://127.0.0.1:4000/trpc', packaged)).toBe(false);
  });
  it('in development, reaches the dev server and its HMR socket only', () => {
    const dev = 'http://localhost:5173/';
    expect(isAllowedRendererRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRendererRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRendererRequest('http://localhost:4000/', dev)).toBe(false);
  });
});
