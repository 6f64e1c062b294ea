/**
 * Synthesizes the CDK app in-process the way `cdk synth` does (same stacks, same cdk.json feature flags), for
 * the infrastructure tests. Bundling runs, so a synth takes seconds: synthesize once per test file.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addBayuStacks, type BayuStacks } from '../../infra/cdk/bayu-app.ts';
import type { FunctionSpec } from '../../infra/system.ts';

/**
 * Bundling and synthesis of the whole app; generous, since esbuild runs once per function. A loaded machine
 * may need more: SYNTH_TIMEOUT_MS in the environment raises it.
 */
export const SYNTH_TIMEOUT_MS = Number(process.env.SYNTH_TIMEOUT_MS ?? 180_000);

export const STUB_ENTRY = 'test/infra/fixtures/stub-handler.ts';

export interface Synthesized extends BayuStacks {
  readonly assembly: CloudAssembly;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

/** `context` adds to cdk.json's, as `-c key=value` does. */
export function synthesize(
  specs?: readonly FunctionSpec[],
  context: Record<string, string> = {},
): Synthesized {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: { ...cdkJson.context, ...context } });
  const stacks = addBayuStacks(app, specs ? { specs } : {});
  const assembly = app.synth();
  return {
    ...stacks,
    assembly,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: Template.fromStack(stacks.stateless),
  };
}
