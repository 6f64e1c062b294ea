/**
 * The photo check with sharp (libvips): every decision is in shared/domain/photo-rules.ts; this module reads
 * the numbers those rules need from the bytes and produces the cleaned copy.
 */
import type { Metadata, OutputInfo } from 'sharp';
import {
  dimensionReasons,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PIXELS,
  PHOTO_MIN_BYTES,
  type PhotoReason,
  RED_BORDER_MIN_SHARE,
  redBorderShare,
  sniffPhotoFormat,
} from '#shared/domain/photo-rules.ts';
import type { PhotoCheck, PhotoChecker } from '#shared/ports/photos.ts';
import { sharp } from './sharp.ts';

/** The stored copy: at most 600 dpi of a 35 x 53 mm photo, never enlarged. */
const STORED_MAX = { width: 827, height: 1252 };
/** The border test runs on a thumbnail of the cleaned copy: enough pixels for shares, cheap to decode. */
const SAMPLE = { width: 60, height: 84 };

const rejected = (...reasons: PhotoReason[]): PhotoCheck => ({ ok: false, reasons });

export class SharpPhotoChecker implements PhotoChecker {
  async check(bytes: Uint8Array): Promise<PhotoCheck> {
    if (bytes.length < PHOTO_MIN_BYTES) return rejected('FILE_TOO_SMALL');
    if (bytes.length > PHOTO_MAX_BYTES) return rejected('FILE_TOO_LARGE');
    const format = sniffPhotoFormat(bytes);
    if (!format) return rejected('NOT_JPEG_OR_PNG');
    // failOn 'error' refuses truncated and corrupt data; limitInputPixels is libvips' own bomb guard, behind ours.
    const input = () => sharp()(bytes, { failOn: 'error', limitInputPixels: PHOTO_MAX_PIXELS });

    // The header only: metadata() decodes no pixel, so it may read any declared size (without libvips' limit,
    // which would refuse a bomb as unreadable rather than as too many pixels).
    let header: Metadata;
    try {
      header = await sharp()(bytes, { limitInputPixels: false }).metadata();
    } catch {
      return rejected('UNREADABLE_IMAGE');
    }
    if (header.format !== format) return rejected('NOT_JPEG_OR_PNG');
    // EXIF orientations 5-8 turn the picture a quarter: the viewer sees width and height swapped.
    const quarterTurn = (header.orientation ?? 1) >= 5;
    const width = quarterTurn ? header.height : header.width;
    const height = quarterTurn ? header.width : header.height;
    const sizeReasons = dimensionReasons(width, height);
    if (sizeReasons.length > 0) return rejected(...sizeReasons);

    let clean: { data: Buffer; info: OutputInfo };
    try {
      // rotate() applies the EXIF orientation; the JPEG encoder writes no metadata (EXIF, GPS, XMP, ICC)
      // unless asked to, so the stored copy carries none. Transparency becomes white, which is not red.
      clean = await input()
        .rotate()
        .flatten({ background: '#ffffff' })
        .resize({ ...STORED_MAX, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 90 })
        .toBuffer({ resolveWithObject: true });
    } catch {
      return rejected('UNREADABLE_IMAGE');
    }
    const sample = await sharp()(clean.data)
      .resize({ ...SAMPLE, fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const share = redBorderShare(sample.data, sample.info.width, sample.info.height, sample.info.channels);
    if (share < RED_BORDER_MIN_SHARE) return rejected('BACKGROUND_NOT_RED');
    return { ok: true, jpeg: clean.data, width: clean.info.width, height: clean.info.height };
  }
}
