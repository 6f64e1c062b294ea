/**
 * The photo rule of the notice (2寸红底免冠照片) as pure decisions: which bytes are an image we take, which pixel
 * sizes pass, and when a border counts as red. The image library that decodes the bytes lives in an adapter;
 * everything here works on numbers it hands over, so the thresholds are tested without images.
 */

export type PhotoFormat = 'jpeg' | 'png';

/** Every reason a photo is refused, each explained to the unit in Chinese and English. */
export const photoReasons = {
  NOT_JPEG_OR_PNG: {
    zh: '文件不是 JPEG 或 PNG 图片',
    en: 'The file is not a JPEG or PNG image',
  },
  UNREADABLE_IMAGE: {
    zh: '图片已损坏或不完整，无法读取',
    en: 'The image is damaged or incomplete and cannot be read',
  },
  FILE_TOO_SMALL: {
    zh: '文件小于 20 KB，不是清晰的证件照',
    en: 'The file is smaller than 20 KB, too small for a clear ID photo',
  },
  FILE_TOO_LARGE: {
    zh: '文件大于 5 MB',
    en: 'The file is larger than 5 MB',
  },
  TOO_MANY_PIXELS: {
    zh: '图片像素尺寸过大（宽、高均不得超过 6000 像素）',
    en: 'The image has too many pixels (at most 6000 pixels wide and high)',
  },
  NOT_TWO_INCH_PORTRAIT: {
    zh: '不是二寸竖版照片的比例（35×49 毫米或 35×53 毫米）',
    en: 'Not the portrait aspect of a 2-inch photo (35 x 49 mm or 35 x 53 mm)',
  },
  RESOLUTION_TOO_LOW: {
    zh: '分辨率过低，至少需要 295×413 像素',
    en: 'The resolution is too low; at least 295 x 413 pixels are needed',
  },
  BACKGROUND_NOT_RED: {
    zh: '背景不是红色（须为红底免冠照片）',
    en: 'The background is not red (a bareheaded photo on a red background is required)',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type PhotoReason = keyof typeof photoReasons;

export const explainPhotoReason = (code: PhotoReason) => ({ code, ...photoReasons[code] });

const isPhotoReason = (code: string): code is PhotoReason => Object.hasOwn(photoReasons, code);

/**
 * Stored reasons (codes) in the Chinese words a unit reads; a reason this release does not know reads as a plain
 * refusal rather than as its code.
 */
export const photoReasonWords = (codes: readonly string[]): string[] =>
  codes.map((code) => (isPhotoReason(code) ? photoReasons[code].zh : '照片不符合要求'));

/** Upload size bounds, enforced by the upload policy in AWS and checked again on the bytes. */
export const PHOTO_MIN_BYTES = 20 * 1024;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Decompression-bomb guard, applied to the dimensions read from the header before any pixel is decoded. A
 * 2-inch photo scanned at 1200 dpi is 1654 x 2315; 6000 pixels a side leaves room for phone cameras.
 */
export const PHOTO_MAX_SIDE = 6000;
export const PHOTO_MAX_PIXELS = PHOTO_MAX_SIDE * PHOTO_MAX_SIDE;

/** 35 x 49 mm at 300 dpi is 413 x 579; the notice's minimum is the 2-inch size at about 214 dpi. */
export const PHOTO_MIN_WIDTH = 295;
export const PHOTO_MIN_HEIGHT = 413;

/**
 * Width / height of a 2-inch photo: 35/49 = 0.714 (standard) and 35/53 = 0.660 (some studios). The accepted
 * band reaches 2.5 % beyond each, for cropping by hand and rounding: 0.644 to 0.732.
 */
export const PHOTO_ASPECT_MIN = (35 / 53) * 0.975;
export const PHOTO_ASPECT_MAX = (35 / 49) * 1.025;

/** The format the leading bytes announce, whatever the file name or declared content type said. */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | undefined {
  const starts = (signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  return undefined;
}

/** What the header says about the pixels, oriented as the photo is viewed (EXIF rotation applied). */
export function dimensionReasons(width: number, height: number): PhotoReason[] {
  if (width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE || width * height > PHOTO_MAX_PIXELS) {
    return ['TOO_MANY_PIXELS'];
  }
  const reasons: PhotoReason[] = [];
  const aspect = width / height;
  if (aspect < PHOTO_ASPECT_MIN || aspect > PHOTO_ASPECT_MAX) reasons.push('NOT_TWO_INCH_PORTRAIT');
  if (width < PHOTO_MIN_WIDTH || height < PHOTO_MIN_HEIGHT) reasons.push('RESOLUTION_TOO_LOW');
  return reasons;
}

/**
 * The colour test for one sRGB pixel: red when its hue is within 15 degrees of pure red (345-360 or 0-15),
 * its saturation (HSV) is at least 0.45 and its value at least 0.35. That takes studio reds from scarlet
 * (255,0,0) to the darker 证件照 red (200,30,40), and refuses white, blue and grey, and skin (hue 20-35,
 * saturation mostly below 0.5) and brown hair (value below 0.35 or hue above 15).
 */
export function isRed(r: number, g: number, b: number): boolean {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max !== r || max < 0.35 * 255) return false;
  const chroma = max - min;
  if (chroma / max < 0.45) return false;
  // Red is the maximum, so the hue is 60 * (g - b) / chroma degrees, negative towards magenta.
  const hue = (60 * (g - b)) / chroma;
  return hue >= -15 && hue <= 15;
}

/** Share of the sampled border that must be red. */
export const RED_BORDER_MIN_SHARE = 0.8;

/**
 * The border region that is background in every ID photo: a band along the top (the top 10 % of the height)
 * and down both sides (10 % of the width each) to 55 % of the height. The lower sides hold the shoulders and
 * the centre holds the face, so neither is sampled.
 */
export function isBorderPixel(x: number, y: number, width: number, height: number): boolean {
  const top = y < height * 0.1;
  const side = (x < width * 0.1 || x >= width * 0.9) && y < height * 0.55;
  return top || side;
}

/** Share of the border region's pixels that are red, from raw interleaved pixels (3 or 4 channels). */
export function redBorderShare(pixels: Uint8Array, width: number, height: number, channels: number): number {
  let border = 0;
  let red = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!isBorderPixel(x, y, width, height)) continue;
      const i = (y * width + x) * channels;
      border += 1;
      if (isRed(pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0)) red += 1;
    }
  }
  return border === 0 ? 0 : red / border;
}
