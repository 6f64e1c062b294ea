/**
 * The photo checker's cost: time per photo for a typical upload (413 x 579, about 70 KB) and for the largest
 * allowed one (a noisy photo just under 5 MB), and the peak memory (max RSS) of checking the 5 MB photo.
 * The large photo is generated in a separate process first, so its making does not count in this one's peak.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SharpPhotoChecker } from '#shared/adapters/sharp-photo-checker.ts';
import { PHOTO_MAX_BYTES } from '#shared/domain/photo-rules.ts';
import { makePhoto } from '../support/photos.ts';

const dir = join(import.meta.dirname, '../../.bench');
const largeFile = join(dir, 'photo-5mb.jpg');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A 35 x 49 mm photo at 2480 dpi (3400 x 4760 px), at the best JPEG quality that stays within 5 MB. */
async function prepare(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (let quality = 97; quality >= 60; quality -= 3) {
    const photo = await makePhoto({ width: 3400, height: 4760, quality, noise: 32 });
    if (photo.length <= PHOTO_MAX_BYTES) {
      writeFileSync(largeFile, photo);
      return;
    }
  }
  throw new Error('no quality gives a photo within 5 MB');
}

async function timePerPhoto(checker: SharpPhotoChecker, photo: Buffer, runs: number): Promise<number> {
  const first = await checker.check(photo);
  if (!first.ok) throw new Error(`the benchmark photo was refused: ${first.reasons.join(', ')}`);
  const started = performance.now();
  for (let i = 0; i < runs; i++) await checker.check(photo);
  return (performance.now() - started) / runs;
}

async function measure(): Promise<void> {
  if (!existsSync(largeFile)) {
    const made = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, 'prepare'], {
      stdio: 'inherit',
    });
    if (made.status !== 0) throw new Error('could not make the 5 MB photo');
  }
  const large = readFileSync(largeFile);
  const checker = new SharpPhotoChecker();
  // Loads sharp and libvips before the baseline is taken.
  const typical = await makePhoto();
  const baseline = process.memoryUsage().rss;

  const largeMs = await timePerPhoto(checker, large, 5);
  const peak = process.resourceUsage().maxRSS * 1024;
  const typicalMs = await timePerPhoto(checker, typical, 20);
  console.log(`5 MB photo (${mb(large.length)}, 3400 x 4760): ${largeMs.toFixed(0)} ms per photo`);
  console.log(`peak RSS checking it: ${mb(peak)} (process before the first check: ${mb(baseline)})`);
  console.log(
    `typical photo (${(typical.length / 1024).toFixed(0)} KB, 413 x 579): ${typicalMs.toFixed(1)} ms per photo`,
  );
}

await (process.argv[2] === 'prepare' ? prepare() : measure());
