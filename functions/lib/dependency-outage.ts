/**
 * Tells a dependency that is down or throttling (the table, the bucket, the bus, the mail service, or the
 * network to them) from a fault of our own. The first passes: the client may retry the same request later,
 * and its Idempotency-Key makes that safe. The second does not, and stays a 500.
 *
 * Only the shapes of errors are read here (Node socket codes, the SDK's `$fault`, `$retryable` and names), so
 * the edge needs none of the SDK's packages in its bundle.
 */

/** Socket failures Node reports when a service cannot be reached or drops the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** AWS error names that mean "too much, for now" or "not answering", whatever the service. */
const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Cancellation reasons of a DynamoDB transaction that a later attempt can get past. */
const TRANSIENT_CANCELLATIONS = new Set(['None', 'ThrottlingError', 'TransactionConflict']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  CancellationReasons?: Array<{ Code?: unknown }>;
  cause?: unknown;
  errors?: unknown;
}

function isTransient(e: ErrorShape): boolean {
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (e.name === 'TransactionCanceledException') {
    const reasons = e.CancellationReasons ?? [];
    return reasons.length > 0 && reasons.every((r) => TRANSIENT_CANCELLATIONS.has(String(r.Code)));
  }
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  // The SDK marks every 5xx answer a server fault, and throttling as retryable, whatever the service calls it.
  if (e.$fault === 'server') return true;
  if (typeof e.$retryable === 'object' && e.$retryable !== null) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** True when `error`, or an error it wraps (cause, AggregateError), is a dependency down or throttling. */
export function isDependencyOutage(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const shape = error as ErrorShape;
  if (isTransient(shape)) return true;
  if (shape.cause !== undefined && isDependencyOutage(shape.cause, depth + 1)) return true;
  return Array.isArray(shape.errors) && shape.errors.some((inner) => isDependencyOutage(inner, depth + 1));
}
