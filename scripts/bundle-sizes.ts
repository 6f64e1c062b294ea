/**
 * Bundles every function as the CDK app does (infra/cdk/bundling.ts) and reports the size of each bundle: the
 * code a cold start must load.
 */
import { build } from 'esbuild';
import { esbuildOptions } from '#infra/cdk/bundling.ts';
import { functions } from '#infra/system.ts';

const rows: Array<{ function: string; bytes: number; kib: string }> = [];
for (const spec of functions) {
  const result = await build({ ...esbuildOptions(spec), write: false, metafile: true });
  const bytes = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  rows.push({ function: spec.name, bytes, kib: (bytes / 1024).toFixed(0) });
}
console.table(rows);
