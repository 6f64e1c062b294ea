import { createRequire } from 'node:module';
import type { default as Sharp } from 'sharp';
import { once } from '#shared/lib/once.ts';

/**
 * sharp (libvips), loaded through `require` on first use: in Lambda sharp and its linux-arm64 binaries come from a
 * layer (/opt/nodejs/node_modules), which CommonJS resolution finds through NODE_PATH and an ESM import does not.
 */
export const sharp = once(() => {
  const loaded = createRequire(import.meta.url)('sharp') as typeof Sharp;
  // A few photos per invocation: libvips' operation cache would only hold memory.
  loaded.cache(false);
  return loaded;
});
