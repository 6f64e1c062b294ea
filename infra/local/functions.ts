/**
 * Loads the real handlers named by the system description and invokes them as Lambda would: one event, a
 * Lambda context, the returned value or the thrown error.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '../system.ts';
import { runAsFunction } from './table-guard.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export type Invoke = (functionName: string, event: unknown) => Promise<unknown>;

const repositoryRoot = resolve(import.meta.dirname, '../..');

/** The ARN a local function goes by (in its context, and as the target of run-time schedules). */
export const localFunctionArn = (specName: string) =>
  `arn:aws:lambda:us-east-1:000000000000:function:local-${specName}`;

function lambdaContext(spec: FunctionSpec): Context {
  const deadline = performance.now() + spec.timeoutSeconds * 1000;
  const name = `local-${spec.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(spec.name),
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Imports every handler up front, so a broken module fails the start, not the first request. */
export async function loadFunctions(specs: FunctionSpec[]): Promise<Invoke> {
  const handlers = new Map<string, { spec: FunctionSpec; handler: Handler }>();
  for (const spec of specs) {
    const module = (await import(pathToFileURL(resolve(repositoryRoot, spec.entry)).href)) as {
      handler?: Handler;
    };
    if (typeof module.handler !== 'function') throw new Error(`${spec.entry} exports no handler`);
    handlers.set(spec.name, { spec, handler: module.handler });
  }
  return async (functionName, event) => {
    const loaded = handlers.get(functionName);
    if (!loaded) throw new Error(`no local function ${functionName}`);
    return runAsFunction(loaded.spec, () => loaded.handler(event, lambdaContext(loaded.spec)));
  };
}
