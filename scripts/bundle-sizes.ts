/**
 * Bundles every function as the CDK app does (esbuild, minified ESM, SDK included) and reports the size of
 * each bundle: the code a cold start must load.
 */
import { build } from 'esbuild';
import { functions } from '#infra/system.ts';

const rows: Array<{ function: string; bytes: number; kib: string }> = [];
for (const spec of functions) {
  const result = await build({
    entryPoints: [spec.entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    // As in the CDK app: native modules come from a layer, not the bundle.
    external: spec.nativeModules ?? [],
    write: false,
    metafile: true,
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const bytes = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  rows.push({ function: spec.name, bytes, kib: (bytes / 1024).toFixed(0) });
}
console.table(rows);
