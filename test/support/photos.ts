/**
 * Real-looking generated ID photos: a background of one colour with sensor-like noise, a face-coloured oval
 * head and dark shoulders, encoded as JPEG or PNG. Noise also keeps the files above the 20 KB minimum.
 */
import sharp from 'sharp';

export type Rgb = readonly [number, number, number];

export const COLOURS = {
  red: [204, 28, 40],
  scarlet: [245, 12, 18],
  blue: [60, 130, 220],
  white: [246, 246, 246],
  skin: [226, 178, 146],
  suit: [36, 38, 52],
} as const satisfies Record<string, Rgb>;

export interface PhotoOptions {
  background?: Rgb;
  width?: number;
  height?: number;
  /** Draw the head and shoulders (true) or leave the background alone. */
  person?: boolean;
  /** The centre of the picture in this colour (the face) over the whole middle third. */
  centre?: Rgb;
  format?: 'jpeg' | 'png';
  /** Adds EXIF with a GPS position (as phone cameras write it). */
  gps?: boolean;
  /** Seed of the deterministic noise. */
  seed?: number;
  /** JPEG quality (92 unless set). */
  quality?: number;
  /** Largest deviation of the noise per channel (12 unless set); more noise, larger files. */
  noise?: number;
}

function rawPhoto(options: PhotoOptions) {
  const { width = 413, height = 579, background = COLOURS.red, person = true } = options;
  const pixels = Buffer.alloc(width * height * 3);
  let state = options.seed ?? 7;
  const amplitude = options.noise ?? 12;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state % (2 * amplitude + 1)) - amplitude;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - width / 2) / (width * 0.2);
      const dy = (y - height * 0.42) / (height * 0.2);
      const head = person && dx * dx + dy * dy <= 1;
      const shoulders =
        person && y > height * 0.7 && Math.abs(x - width / 2) < width * (0.2 + (y / height - 0.7));
      const centre =
        options.centre && x > width / 3 && x < (2 * width) / 3 && y > height / 3 && y < (2 * height) / 3;
      const colour = centre ? options.centre! : head ? COLOURS.skin : shoulders ? COLOURS.suit : background;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.max(0, Math.min(255, colour[c]! + noise()));
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

export async function makePhoto(options: PhotoOptions = {}): Promise<Buffer> {
  let image = rawPhoto(options);
  if (options.gps) {
    image = image.withExif({
      IFD0: { Make: 'TestPhone', Model: 'GPS Camera' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '29/1 33/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 33/1 0/1',
      },
    });
  }
  return options.format === 'png'
    ? image.png().toBuffer()
    : image.jpeg({ quality: options.quality ?? 92 }).toBuffer();
}

/** A small valid JPEG whose header (SOF0) is patched to declare width x height: a decompression bomb. */
export async function jpegDeclaring(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await makePhoto({ width: 64, height: 64, person: false }));
  for (let i = 2; i < bytes.length - 9; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) {
      bytes.writeUInt16BE(height, i + 5);
      bytes.writeUInt16BE(width, i + 7);
      // Padding so the bomb is not refused merely as too small a file.
      return Buffer.concat([bytes, Buffer.alloc(30 * 1024)]);
    }
  }
  throw new Error('no SOF0 marker');
}
