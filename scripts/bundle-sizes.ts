/**
 * Bundles every function as the CDK app does (infra/cdk/bundling.ts) and reports the size of each bundle: the
 * code a cold start must load. `--why <function>` lists that bundle's heaviest packages (from esbuild's
 * metafile), to see what a size is made of.
 */
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '#infra/cdk/bundling.ts';
import { type FunctionSpec, functions } from '#infra/system.ts';

async function bundle(spec: FunctionSpec) {
  const result = await build({ ...esbuildOptions(spec), write: false, metafile: true });
  const bytes = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  return { bytes, metafile: result.metafile };
}

/** Bytes in the bundle per package (or per top-level folder of this repository), largest first. */
function weights(metafile: Metafile): Array<{ package: string; kib: string }> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, bytes]) => ({ package: name, kib: (bytes / 1024).toFixed(1) }));
}

const why = process.argv.indexOf('--why');
if (why >= 0) {
  const spec = functions.find((f) => f.name === process.argv[why + 1]);
  if (!spec) throw new Error(`--why takes a function name: ${functions.map((f) => f.name).join(', ')}`);
  console.table(weights((await bundle(spec)).metafile));
} else {
  const rows: Array<{ function: string; bytes: number; kib: string }> = [];
  for (const spec of functions) {
    const { bytes } = await bundle(spec);
    rows.push({ function: spec.name, bytes, kib: (bytes / 1024).toFixed(0) });
  }
  console.table(rows);
}
