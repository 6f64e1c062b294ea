/**
 * The spreadsheet benchmark (run by `npm run bench`, main.ts): runs every benchmark module listed here. Each case runs in a child process of its own, so
 * its peak RSS is its own; the first case of a module is its floor, and the others are reported against it.
 * The children run this file bundled by esbuild as the Lambda functions are (minified ESM, dependencies
 * included), so neither the TypeScript loader nor unbundled modules weigh on the figures.
 *
 * A module exports `benchmark: Benchmark` (benchmark.ts). Add a module by adding it to `modules`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER, MAIN_FIELDS } from '#infra/cdk/bundling.ts';
import type { Benchmark } from './benchmark.ts';

const modules: Record<string, () => Promise<{ benchmark: Benchmark }>> = {
  spreadsheet: () => import('./spreadsheet-cases.ts'),
};

interface Measured {
  seconds: number;
  /**
   * CPU time of the whole process (its thread pool's deflating included): on a machine busy with other work,
   * wall time also counts the waits for a core, CPU time does not.
   */
  cpuSeconds: number;
  peakRssMb: number;
  figures: Record<string, number>;
}

async function runCase(moduleName: string, caseName: string): Promise<void> {
  const load = modules[moduleName];
  const found = load && (await load()).benchmark.cases.find((c) => c.name === caseName);
  if (!found) throw new Error(`no benchmark case ${moduleName}/${caseName}`);
  const started = performance.now();
  const figures = await found.run();
  const usage = process.resourceUsage();
  const measured: Measured = {
    seconds: (performance.now() - started) / 1000,
    // CPU times are in microseconds, maxRSS in kilobytes.
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMb: usage.maxRSS / 1024,
    figures,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

/** This file bundled, as the deployment bundles a handler. */
async function bundleSelf(dir: string): Promise<string> {
  const outfile = join(dir, 'bench.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    // The machine's Node, which runs the children.
    target: 'node20',
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'error',
  });
  return outfile;
}

function measure(bundle: string, moduleName: string, caseName: string): Measured {
  const output = execFileSync(process.execPath, [bundle, '--case', moduleName, caseName], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1024 * 1024,
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Measured;
}

async function main(): Promise<void> {
  const [flag, moduleName, caseName] = process.argv.slice(2);
  if (flag === '--case' && moduleName && caseName) return runCase(moduleName, caseName);
  const dir = mkdtempSync(join(tmpdir(), 'bayu-bench-'));
  try {
    await report(await bundleSelf(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function report(bundle: string): Promise<void> {
  for (const [name, load] of Object.entries(modules)) {
    const { benchmark } = await load();
    console.log(`\n${benchmark.title}\n${benchmark.goal}`);
    let floor: Measured | undefined;
    for (const c of benchmark.cases) {
      const m = measure(bundle, name, c.name);
      floor ??= m;
      const figures = Object.entries(m.figures)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ');
      console.log(
        `  ${c.name.padEnd(28)} ${m.seconds.toFixed(2).padStart(7)} s  ${(m.seconds / floor.seconds).toFixed(2)}x` +
          `  CPU ${m.cpuSeconds.toFixed(2).padStart(6)} s  ${(m.cpuSeconds / floor.cpuSeconds).toFixed(2)}x` +
          `  peak RSS ${m.peakRssMb.toFixed(0).padStart(4)} MB  (${figures})`,
      );
    }
  }
}

await main();
