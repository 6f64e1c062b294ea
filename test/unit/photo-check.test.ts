import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SharpPhotoChecker } from '#shared/adapters/sharp-photo-checker.ts';
import { COLOURS, jpegDeclaring, makePhoto } from '../support/photos.ts';

const checker = new SharpPhotoChecker();

describe('the photo checker', () => {
  it('accepts a red-background 2-inch photo and returns a clean JPEG of it', async () => {
    const result = await checker.check(await makePhoto());
    expect(result).toMatchObject({ ok: true, width: 413, height: 579 });
    if (!result.ok) return;
    const stored = await sharp(result.jpeg).metadata();
    expect(stored.format).toBe('jpeg');
  });

  it('accepts a brighter studio red and the 35 x 53 mm aspect', async () => {
    expect((await checker.check(await makePhoto({ background: COLOURS.scarlet }))).ok).toBe(true);
    expect(await checker.check(await makePhoto({ width: 413, height: 625 }))).toMatchObject({ ok: true });
  });

  it('refuses blue and white backgrounds', async () => {
    for (const background of [COLOURS.blue, COLOURS.white]) {
      expect(await checker.check(await makePhoto({ background }))).toEqual({
        ok: false,
        reasons: ['BACKGROUND_NOT_RED'],
      });
    }
  });

  it('judges the border only: a red photo with a large face-coloured centre passes', async () => {
    expect((await checker.check(await makePhoto({ centre: COLOURS.skin }))).ok).toBe(true);
  });

  it('refuses a landscape image and a tiny one', async () => {
    expect(await checker.check(await makePhoto({ width: 579, height: 413 }))).toEqual({
      ok: false,
      reasons: ['NOT_TWO_INCH_PORTRAIT'],
    });
    // PNG, so that the small picture is still a file above the 20 KB minimum.
    expect(await checker.check(await makePhoto({ width: 200, height: 280, format: 'png' }))).toEqual({
      ok: false,
      reasons: ['RESOLUTION_TOO_LOW'],
    });
  });

  it('refuses an image declaring 30000 x 30000 pixels from its header, without decoding it', async () => {
    const before = process.memoryUsage().rss;
    expect(await checker.check(await jpegDeclaring(30000, 30000))).toEqual({
      ok: false,
      reasons: ['TOO_MANY_PIXELS'],
    });
    // Decoding would need 2.7 GB; the header costs nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('accepts a PNG whatever its name says, on its real type, and stores it as JPEG', async () => {
    const png = await makePhoto({ format: 'png' });
    const renamed = new File([png], 'photo.jpg', { type: 'image/jpeg' });
    const result = await checker.check(new Uint8Array(await renamed.arrayBuffer()));
    expect(result.ok).toBe(true);
    if (result.ok) expect((await sharp(result.jpeg).metadata()).format).toBe('jpeg');
  });

  it('refuses a PDF named .jpg, an HTML file and a truncated JPEG', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), Buffer.alloc(40 * 1024, 32)]);
    const html = Buffer.from(`<!doctype html><html><body>${'<p>photo</p>'.repeat(3000)}</body></html>`);
    expect(await checker.check(pdf)).toEqual({ ok: false, reasons: ['NOT_JPEG_OR_PNG'] });
    expect(await checker.check(html)).toEqual({ ok: false, reasons: ['NOT_JPEG_OR_PNG'] });
    const jpeg = await makePhoto();
    expect(await checker.check(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).toEqual({
      ok: false,
      reasons: ['UNREADABLE_IMAGE'],
    });
  });

  it('strips EXIF and GPS: the stored copy of a phone photo has no metadata', async () => {
    const withGps = await makePhoto({ gps: true });
    const original = await sharp(withGps).metadata();
    expect(original.exif?.toString('latin1')).toContain('GPS Camera');
    const result = await checker.check(withGps);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = await sharp(result.jpeg).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    expect(Buffer.from(result.jpeg).includes('GPS Camera')).toBe(false);
  });

  it('refuses files outside 20 KB to 5 MB before looking at them', async () => {
    expect(await checker.check(new Uint8Array(1000))).toEqual({ ok: false, reasons: ['FILE_TOO_SMALL'] });
    expect(await checker.check(new Uint8Array(5 * 1024 * 1024 + 1))).toEqual({
      ok: false,
      reasons: ['FILE_TOO_LARGE'],
    });
  });
});
