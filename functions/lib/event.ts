/**
 * The edge of the functions that are not HTTP (event, schedule and stream functions): the input parsed before
 * the handler sees it (an event's detail with its contract), a failure logged formatted, never raw, and
 * rethrown so that the platform retries and then dead-letters the invocation.
 */
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { output } from 'zod';
import type { EventContract, EventMetadata } from '#events/contract.ts';
import { logger } from '#shared/logging/logger.ts';
import { withInvocationContext } from './invocation.ts';

/** Logs what failed (kind and message only: an error may carry item values) and lets the error through. */
export function failureLog<E>(describe: (event: E) => Record<string, string | undefined> = () => ({})) {
  return {
    onError: (request: middy.Request<E, unknown, Error, Context>) => {
      logger.error('invocation failed', describe(request.event), request.error);
    },
  } satisfies middy.MiddlewareObj<E, unknown, Error, Context>;
}

/**
 * A function invoked with `input`, which `parse` turns into what `handle` takes (a zod schema's `parse`, for
 * a schedule's input); what either throws is logged and rethrown.
 */
export function lambdaFunction<E, T, R = void>(
  parse: (event: E) => T,
  handle: (input: T, context: Context) => Promise<R>,
  describe?: (event: E) => Record<string, string | undefined>,
) {
  const handler = middy<E, R, Error, Context>()
    .use(failureLog(describe))
    .handler((event, context) => handle(parse(event), context));
  return withInvocationContext(handler);
}

// biome-ignore lint/suspicious/noExplicitAny: any contract, whatever its data schema
type AnyContract = EventContract<string, any>;

/** An event as its handler receives it: the detail parsed by its contract, tagged with its detail type. */
export type Received<C extends AnyContract> =
  C extends EventContract<infer T, infer D>
    ? { detailType: T; metadata: EventMetadata; data: output<D> }
    : never;

/**
 * A function that consumes the events of `contracts`: the detail parsed with the contract of the event's
 * detail type (an event of another type is an error: the rule should not have sent it). The handler can tell
 * the events apart by `detailType`.
 */
export function eventFunction<C extends AnyContract>(
  contracts: C | readonly C[],
  handle: (event: Received<C>, context: Context) => Promise<void>,
) {
  const byType = new Map<string, AnyContract>(
    (Array.isArray(contracts) ? contracts : [contracts]).map((c: AnyContract) => [c.detailType, c]),
  );
  const parse = (event: EventBridgeEvent<string, unknown>) => {
    const contract = byType.get(event['detail-type']);
    if (!contract) throw new Error(`this function does not consume ${event['detail-type']}`);
    const detail = contract.detailSchema.parse(event.detail);
    return { detailType: contract.detailType, ...detail } as Received<C>;
  };
  return lambdaFunction(parse, handle, (event) => ({ detailType: event['detail-type'], eventId: event.id }));
}
