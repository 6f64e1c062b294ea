import { join } from 'node:path';
import { type App, Aspects, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionSpec } from '../system.ts';
import { suppressAcknowledgedFindings } from './nag-suppressions.ts';
import { repoRoot } from './paths.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export const APP_NAME = 'bayu-registration';

export interface BayuAppOptions {
  /** The system description; defaults to infra/system.ts. */
  readonly specs?: readonly FunctionSpec[];
}

export interface BayuStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Adds the two stacks to `app`; shared by the CDK entry point and the tests, so both synthesize the same. */
export function addBayuStacks(app: App, options: BayuAppOptions = {}): BayuStacks {
  const tags = { app: APP_NAME };
  const env = environment();
  const stateful = new StatefulStack(app, 'Bayu-Stateful', {
    env,
    tags,
    description: 'Registration system: data (table, photos, events, keys); retained',
    editionsDir: join(repoRoot, 'shared', 'editions'),
  });
  const stateless = new StatelessStack(app, 'Bayu-Stateless', {
    env,
    tags,
    description: 'Registration system: API, functions and their triggers',
    table: stateful.table,
    bucket: stateful.bucket,
    bus: stateful.bus,
    idHashKey: stateful.idHashKey,
    cursorKey: stateful.cursorKey,
    webhookKey: stateful.webhookKey,
    key: stateful.key,
    ...(options.specs ? { specs: options.specs } : {}),
  });
  suppressAcknowledgedFindings(stateful, stateless);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { stateful, stateless };
}

/** The CLI's account and region when it knows them; otherwise the stacks are environment-agnostic. */
function environment(): Environment | undefined {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  return account || region ? { account, region } : undefined;
}
