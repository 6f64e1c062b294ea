/**
 * `npm run bench`: runs every benchmark module of this folder (`*.bench.ts`), or those named on the command
 * line, each in its own Node process so that its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const requested = process.argv.slice(2);
const modules =
  requested.length > 0
    ? requested
    : readdirSync(here)
        .filter((f) => f.endsWith('.bench.ts'))
        .sort();

let failed = 0;
for (const module of modules) {
  console.log(`\n== ${module}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, module)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
