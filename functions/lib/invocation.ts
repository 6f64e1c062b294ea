/**
 * What every function, HTTP or not, does around its middy handler: each log line of an invocation carries the
 * request id, the function's name and whether this is the process's first invocation of the function (a cold
 * start), so that one request's lines can be found and cold starts counted.
 */
import type { Context } from 'aws-lambda';
import { withLogContext } from '#shared/logging/logger.ts';

/** The functions this process has already run: Lambda runs one per process, the local runtime all of them. */
const warm = new Set<string>();

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * `handler` with the invocation's log fields. `requestIdOf` names the id a caller can quote (an HTTP
 * function's API request id); by default it is Lambda's request id.
 */
export function withInvocationContext<E, R>(
  handler: LambdaHandler<E, R>,
  requestIdOf: (event: E, context: Context) => string | undefined = (_, context) => context?.awsRequestId,
): LambdaHandler<E, R> {
  return (event, context) => {
    const functionName = context?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
    const coldStart = !warm.has(functionName);
    warm.add(functionName);
    const fields = { requestId: requestIdOf(event, context), functionName, coldStart };
    return withLogContext(fields, () => handler(event, context));
  };
}
