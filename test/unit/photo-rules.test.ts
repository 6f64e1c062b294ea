import { describe, expect, it } from 'vitest';
import { exportFileNames, safeNamePart } from '#shared/domain/photo-names.ts';
import {
  dimensionReasons,
  isBorderPixel,
  isRed,
  photoReasons,
  redBorderShare,
  sniffPhotoFormat,
} from '#shared/domain/photo-rules.ts';

describe('the colour test', () => {
  it('takes studio reds and refuses skin, hair, white, grey and blue', () => {
    for (const red of [
      [255, 0, 0],
      [204, 28, 40],
      [190, 20, 30],
      [220, 40, 60],
    ] as const) {
      expect(isRed(red[0], red[1], red[2]), String(red)).toBe(true);
    }
    for (const other of [
      [226, 178, 146], // skin
      [240, 200, 170], // light skin
      [60, 40, 30], // dark brown hair
      [246, 246, 246],
      [128, 128, 128],
      [60, 130, 220],
      [230, 120, 20], // orange
      [200, 30, 160], // magenta
    ] as const) {
      expect(isRed(other[0], other[1], other[2]), String(other)).toBe(false);
    }
  });

  it('samples the top band and the upper sides, not the face or shoulders', () => {
    expect(isBorderPixel(50, 2, 100, 140)).toBe(true);
    expect(isBorderPixel(2, 60, 100, 140)).toBe(true);
    expect(isBorderPixel(50, 60, 100, 140)).toBe(false);
    expect(isBorderPixel(2, 120, 100, 140)).toBe(false);
  });

  it('computes the red share of the border', () => {
    const [w, h] = [10, 10];
    const pixels = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) pixels.set([204, 28, 40], i * 3);
    expect(redBorderShare(pixels, w, h, 3)).toBe(1);
    pixels.fill(255);
    expect(redBorderShare(pixels, w, h, 3)).toBe(0);
  });
});

describe('dimensions', () => {
  it('admit 35 x 49 and 35 x 53 mm portraits of at least 295 x 413 pixels', () => {
    expect(dimensionReasons(413, 579)).toEqual([]);
    expect(dimensionReasons(413, 625)).toEqual([]);
    expect(dimensionReasons(295, 413)).toEqual([]);
    expect(dimensionReasons(579, 413)).toEqual(['NOT_TWO_INCH_PORTRAIT']);
    expect(dimensionReasons(413, 413)).toEqual(['NOT_TWO_INCH_PORTRAIT']);
    expect(dimensionReasons(200, 280)).toEqual(['RESOLUTION_TOO_LOW']);
    expect(dimensionReasons(30000, 30000)).toEqual(['TOO_MANY_PIXELS']);
  });
});

describe('format sniffing', () => {
  it('reads the signature, not the name', () => {
    expect(sniffPhotoFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffPhotoFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffPhotoFormat(Buffer.from('%PDF-1.7'))).toBeUndefined();
    expect(sniffPhotoFormat(new Uint8Array([0xff]))).toBeUndefined();
  });

  it('explains every reason in Chinese and English', () => {
    for (const [code, text] of Object.entries(photoReasons)) {
      expect(text.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en, code).toMatch(/^[A-Z][ -~]+$/);
    }
  });
});

describe('export file names', () => {
  it('are 单位+姓名.jpg, numbered from the second use of a name (ignoring case)', () => {
    expect(
      exportFileNames([
        { unitName: '重庆机械技师学院', name: '张伟' },
        { unitName: '重庆机械技师学院', name: '李娜' },
        { unitName: '重庆机械技师学院', name: '张伟' },
        { unitName: 'ACME', name: 'li' },
        { unitName: 'acme', name: 'LI' },
      ]),
    ).toEqual([
      '重庆机械技师学院+张伟.jpg',
      '重庆机械技师学院+李娜.jpg',
      '重庆机械技师学院+张伟 (2).jpg',
      'ACME+li.jpg',
      'acme+LI (2).jpg',
    ]);
  });

  it('replace characters file systems refuse and trim dots and spaces', () => {
    expect(safeNamePart('重庆/渝北:公司*"?<>|\\')).toBe('重庆_渝北_公司_______');
    expect(safeNamePart('  ..名字.\u0007 ')).toBe('名字._');
    expect(safeNamePart('...')).toBe('_');
    expect([...safeNamePart('长'.repeat(100))]).toHaveLength(60);
  });
});
