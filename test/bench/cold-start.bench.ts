/**
 * The cold-start proxy (`npm run bench`, or alone: `npx tsx test/bench/main.ts cold-start.bench.ts`): every
 * function of the system bundled as the CDK app bundles it (infra/cdk/bundling.ts), then imported in a fresh
 * `node` process, against a fresh process importing an empty module. Both pay Node's own start; what the bundle
 * adds is the cold start's share that is ours (loading and running the module's top level).
 *
 * Runs alternate (empty, bundle, empty, bundle, ...) so that a machine busy with something else weighs on both
 * sides of a ratio alike; each side's figure is the median of its runs. The processes get the environment a
 * Lambda function has (region, function name, credentials, the system's settings), with every AWS endpoint on
 * 127.0.0.1, so module-level code behaves as deployed and nothing leaves the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '#infra/cdk/bundling.ts';
import { repoRoot } from '#infra/cdk/paths.ts';
import { type FunctionSpec, functions } from '#infra/system.ts';
import { ENV } from '#shared/config/env-names.ts';

const RUNS = 10;
/** The goals of issue 11: bundle/empty at most this, by the kind of function. */
const GOAL = { http: 1.6, other: 2.2 };

/** What the Lambda runtime and the CDK app set; the values only need the right shape. */
function lambdaEnv(spec: FunctionSpec): NodeJS.ProcessEnv {
  const arn = (service: string, resource: string) => `arn:aws:${service}:ap-east-1:123456789012:${resource}`;
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'ap-east-1',
    AWS_DEFAULT_REGION: 'ap-east-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_ACCESS_KEY_ID: 'ASIABENCHMARK',
    AWS_SECRET_ACCESS_KEY: 'benchmark',
    AWS_SESSION_TOKEN: 'benchmark',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    [ENV.tableName]: 'bayu-registration',
    [ENV.eventBusName]: 'bayu-registration',
    [ENV.bucketName]: 'bayu-registration-files',
    [ENV.idHashKeySecretArn]: arn('secretsmanager', 'secret:id-hash-key'),
    [ENV.cursorKeySecretArn]: arn('secretsmanager', 'secret:cursor-key'),
    [ENV.apiUrl]: 'https://api.bayu.example',
    [ENV.mailFrom]: 'registration@bayu.example',
    [ENV.oneTimeScheduleGroup]: 'bayu-one-time',
    [ENV.oneTimeScheduleTargetArn]: arn('lambda', 'function:deadlines'),
    [ENV.oneTimeScheduleRoleArn]: 'arn:aws:iam::123456789012:role/scheduler',
    [ENV.oneTimeScheduleDeadLetterArn]: arn('sqs', 'one-time-dlq'),
  };
}

/** Wall time of one fresh process that imports `module` and exits, in milliseconds. */
function importMs(importer: string, module: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [importer, module], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`importing ${module} failed:\n${run.stderr}`);
  return ms;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'bayu-cold-start-'));
try {
  // Bare imports left out of a bundle (native modules; in Lambda, a layer's) resolve from the project's packages.
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const importer = join(dir, 'import.mjs');
  writeFileSync(importer, "await import(new URL(process.argv[2], 'file:///').href);\nprocess.exit(0);\n");
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');

  console.log(`Import time of each bundle against an empty module, fresh process each, median of ${RUNS}`);
  console.log(`Goal: at most ${GOAL.http}x for HTTP functions, ${GOAL.other}x for the others.`);
  const rows = [];
  for (const spec of functions) {
    const outfile = join(dir, `${spec.name}.mjs`);
    const result = await build({ ...esbuildOptions(spec), outfile, write: true, metafile: true });
    const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    const env = lambdaEnv(spec);
    const emptyRuns: number[] = [];
    const bundleRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      emptyRuns.push(importMs(importer, empty, env));
      bundleRuns.push(importMs(importer, outfile, env));
    }
    const http = spec.triggers.some((t) => t.kind === 'http');
    const ratio = median(bundleRuns) / median(emptyRuns);
    const goal = http ? GOAL.http : GOAL.other;
    rows.push({
      function: spec.name,
      kind: http ? 'http' : 'other',
      kib: Math.round(bytes / 1024),
      'bundle ms': Number(median(bundleRuns).toFixed(1)),
      'empty ms': Number(median(emptyRuns).toFixed(1)),
      ratio: Number(ratio.toFixed(2)),
      goal: `${ratio <= goal ? 'met' : 'missed'} (≤${goal}x)`,
    });
  }
  console.table(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
