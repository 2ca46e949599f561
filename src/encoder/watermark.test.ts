import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { escapeXml, WatermarkError, watermarkPng, watermarkSvg } from './watermark';

describe('watermark', () => {
  it('escapes markup and drops characters XML forbids, so a handle cannot break or inject into the SVG', () => {
    expect(escapeXml(`<a href="x">&'</a>\u0000\u0007`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
    const svg = watermarkSvg('</text><script>alert(1)</script>', 400, 300).toString();
    expect(svg).not.toContain('<script>');
    expect(svg.match(/<text/g)).toHaveLength(1);
  });

  it('renders a PNG of the asked size with something visible near the bottom-right corner only', async () => {
    const png = await watermarkPng('@ada', 400, 300);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 400, height: 300, channels: 4 });
    const alphaAt = (x: number, y: number) => data[(y * 400 + x) * 4 + 3]!;
    let corner = 0;
    let elsewhere = 0;
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 400; x++) {
        if (alphaAt(x, y) === 0) continue;
        if (x > 250 && y > 250) corner++;
        else elsewhere++;
      }
    }
    expect(corner).toBeGreaterThan(100);
    expect(elsewhere).toBe(0);
  });

  it('refuses empty text', async () => {
    await expect(watermarkPng('   ', 100, 100)).rejects.toBeInstanceOf(WatermarkError);
  });
});
