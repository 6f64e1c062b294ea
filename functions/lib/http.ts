/**
 * The HTTP edge shared by every API function, as named middy middlewares composed by `httpFunction`: the
 * request log, problem details for every error, header normalisation, the route check, body decoding, and
 * authentication with the rate limit. The route itself parses nothing but its JSON and calls one use case.
 * No business decisions here.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AppError } from '#shared/domain/errors.ts';
import { IMPORT_FILE_MAX_BYTES } from '#shared/domain/import-columns.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import { describeError, logger } from '#shared/logging/logger.ts';
import type { TokenStore, UnitStore } from '#shared/ports/stores.ts';
import { bearerTokenHash, authenticate as principalOf } from '#shared/use-cases/authenticate.ts';
import { callerFor } from '#shared/use-cases/portal-caller.ts';
import { admitCaller, type RateLimitDeps } from '#shared/use-cases/rate-limit.ts';
import { isDependencyOutage } from './dependency-outage.ts';
import { withInvocationContext } from './invocation.ts';
import { portalRoutes } from './portal-routes.ts';
import { problemResponse } from './problem.ts';

/** Registration bodies are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 256 * 1024;

export interface HttpRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  requestId: string;
  /** The body text ('' when none). */
  rawBody: string;
  /** The body's bytes, for a file sent as it is (an xlsx). */
  bytes(): Buffer;
  /** The body parsed as JSON; MALFORMED_REQUEST when it is not JSON sent as JSON. */
  json(): unknown;
  /** The authenticated caller; UNAUTHENTICATED without a valid token. */
  principal(): Promise<Principal>;
}

export interface HttpResult {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a page, a script): the route names its content-type in `headers`. */
  text?: string;
  /** Sent as these bytes (a document, an archive), base64 to API Gateway: the route names its content-type. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: HttpRequest) => Promise<HttpResult>;

/**
 * A function's routes by API Gateway routeKey. Each HTTP module exports its own, and a test holds them equal
 * to the function's HTTP triggers in infra/system.ts.
 */
export type Routes = Record<string, RouteHandler>;

/** The Lambda context as the edge leaves it for the routes: with the caller, when the function authenticates. */
interface EdgeContext extends Context {
  principal?: () => Promise<Principal>;
  /** The body's bytes as they arrived (decodedBody). */
  bodyBytes?: Buffer;
}

type EdgeMiddleware = middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  EdgeContext
>;
type EdgeRequest = middy.Request<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  EdgeContext
>;

/**
 * What a function that authenticates its callers needs at its edge: the tokens (with the units, which a portal
 * names in Bayu-Unit), and the per-key rate limit (always both, so no authenticating function can be built
 * without the limit).
 */
export interface CallerChecks {
  tokens: () => TokenStore & Pick<UnitStore, 'get'>;
  rateLimit: () => RateLimitDeps;
}

function parseJson(headers: Record<string, string | undefined>, rawBody: string): unknown {
  const type = headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new AppError('MALFORMED_REQUEST', 'send the body as JSON with "Content-Type: application/json"');
  }
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new AppError('MALFORMED_REQUEST', 'the body is not valid JSON');
  }
}

function toRequest(event: APIGatewayProxyEventV2, context: EdgeContext): HttpRequest {
  const headers = event.headers ?? {};
  const rawBody = event.body ?? '';
  return {
    params: (event.pathParameters ?? {}) as Record<string, string>,
    query: (event.queryStringParameters ?? {}) as Record<string, string>,
    headers,
    requestId: event.requestContext.requestId,
    rawBody,
    bytes: () => context.bodyBytes ?? Buffer.alloc(0),
    json: () => parseJson(headers, rawBody),
    principal: () => {
      if (!context.principal) throw new Error('this function was built without authentication');
      return context.principal();
    },
  };
}

function responseBody(
  result: HttpResult,
): Pick<APIGatewayProxyStructuredResultV2, 'body' | 'isBase64Encoded'> {
  if (result.bytes !== undefined) {
    return { body: Buffer.from(result.bytes).toString('base64'), isBase64Encoded: true };
  }
  if (result.text !== undefined) return { body: result.text };
  return result.body === undefined ? {} : { body: JSON.stringify(result.body) };
}

function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: result.status,
    headers: {
      'cache-control': 'no-store',
      ...(result.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...result.headers,
    },
    ...responseBody(result),
  };
}

/** The id a client can quote: API Gateway's request id, or Lambda's when called without the gateway. */
const requestIdOf = (event: APIGatewayProxyEventV2, context: Context): string =>
  event.requestContext?.requestId ?? context?.awsRequestId;

/** One line per request: its route, status and duration (the invocation's fields come with every line). */
export function requestLog(): EdgeMiddleware {
  const line = (request: EdgeRequest) => {
    const startedAt = (request.internal as { startedAt?: number }).startedAt ?? performance.now();
    logger.info('request', {
      route: request.event.routeKey,
      status: request.response?.statusCode,
      durationMs: Math.round(performance.now() - startedAt),
    });
  };
  return {
    before: (request) => {
      (request.internal as Record<string, unknown>).startedAt = performance.now();
    },
    after: line,
    onError: line,
  };
}

/**
 * Answers every error as RFC 9457 problem details: the client's own (AppError) with its code, a dependency
 * down as 503, anything else as a 500 that says nothing of the internals (and is logged, formatted).
 */
export function problemDetails(): EdgeMiddleware {
  return {
    onError: (request) => {
      const route = request.event.routeKey;
      if (isDependencyOutage(request.error)) {
        logger.warn('dependency unavailable; answered 503', { route, ...describeError(request.error) });
      } else if (!(request.error instanceof AppError)) {
        logger.error('request failed', { route }, request.error);
      }
      request.response = problemResponse(request.error, requestIdOf(request.event, request.context));
    },
  };
}

/** NOT_FOUND for a route the function does not serve, before anything of the request is read. */
export function knownRoute(routes: Routes): EdgeMiddleware {
  return {
    before: ({ event }) => {
      if (!Object.hasOwn(routes, event.routeKey)) {
        throw new AppError('NOT_FOUND', `no route ${event.routeKey}`);
      }
    },
  };
}

/**
 * The body as text and as bytes (API Gateway base64-encodes binary types), refused when far larger than any
 * registration, or, for a workbook, than an import file may be (413).
 */
export function decodedBody(): EdgeMiddleware {
  return {
    before: ({ event, context }) => {
      if (!event.body) return;
      const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
      // A workbook (the one binary body the API takes, a bulk import) may be larger than any JSON body.
      const workbook = event.headers?.['content-type']?.split(';')[0]?.trim().toLowerCase() === XLSX_TYPE;
      if (workbook && bytes.length > IMPORT_FILE_MAX_BYTES) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `the file is larger than ${IMPORT_FILE_MAX_BYTES} bytes (2 MB)`,
        );
      }
      if (!workbook && bytes.length > MAX_BODY_BYTES) {
        throw new AppError('MALFORMED_REQUEST', `the body is larger than ${MAX_BODY_BYTES} bytes`);
      }
      context.bodyBytes = bytes;
      // A workbook is read as bytes only (req.bytes()): decoding megabytes of binary as text would be wasted.
      if (workbook) event.body = '';
      else if (event.isBase64Encoded) event.body = bytes.toString('utf8');
      event.isBase64Encoded = false;
    },
  };
}

/**
 * Who the rate limit counts: the bearer token when it is valid, otherwise the source address (so sending
 * made-up tokens earns no fresh allowance). Authenticating first costs nothing extra: routes do it anyway,
 * and the outcome is kept for them.
 */
async function callerKey(
  authenticated: () => Promise<Principal>,
  event: APIGatewayProxyEventV2,
): Promise<string> {
  try {
    await authenticated();
    return `key:${bearerTokenHash(event.headers?.authorization)}`;
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      return `ip:${event.requestContext.http.sourceIp}`;
    }
    throw error;
  }
}

/**
 * The caller, authenticated on first use by the routes (kept for the rest of the request) and, for a portal's
 * key, resolved to the unit it acts for (shared/use-cases/portal-caller.ts); and the per-key rate limit, which
 * admits or refuses the caller before any route runs. The limit counts the key itself, whatever unit a portal
 * names, so a refused Bayu-Unit is counted too.
 */
export function authenticate(checks: CallerChecks): EdgeMiddleware {
  return {
    before: async ({ event, context }) => {
      let caller: Promise<Principal> | undefined;
      let principal: Promise<Principal> | undefined;
      // One clock for the rate limit's window and the key's expiry.
      const authenticated = () =>
        (caller ??= principalOf(
          { tokens: checks.tokens(), clock: checks.rateLimit().clock },
          event.headers?.authorization,
        ));
      context.principal = () =>
        (principal ??= authenticated().then((p) =>
          callerFor(checks.tokens(), p, portalRoutes[event.routeKey], event.headers?.['bayu-unit']),
        ));
      await admitCaller(checks.rateLimit(), await callerKey(authenticated, event));
    },
  };
}

/**
 * Builds a function's handler from its routes, keyed by API Gateway routeKey (`POST /v1/units`). Functions
 * that authenticate pass their caller checks; public ones pass none, which keeps the SDK out of their bundle
 * and leaves them to the stage-wide throttle.
 */
export function httpFunction(routes: Routes, checks?: CallerChecks) {
  const dispatch = async (event: APIGatewayProxyEventV2, context: EdgeContext) => {
    const route = routes[event.routeKey] as RouteHandler;
    return toResponse(await route(toRequest(event, context)));
  };
  // The request log outermost, so that it sees the status the problem details answer with.
  const edge = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, EdgeContext>()
    .use(requestLog())
    .use(problemDetails())
    .use(httpHeaderNormalizer())
    .use(knownRoute(routes))
    .use(decodedBody());
  const handler = (checks ? edge.use(authenticate(checks)) : edge).handler(dispatch);
  return withInvocationContext(handler, requestIdOf);
}

/** `?limit=` as a page size: 1-100, default 20. */
export function pageSize(query: Record<string, string>): number {
  const raw = query.limit;
  if (raw === undefined) return 20;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new AppError('VALIDATION_FAILED', 'limit must be an integer from 1 to 100', [
      { path: '/limit', code: 'INVALID_VALUE', message: 'an integer from 1 to 100' },
    ]);
  }
  return n;
}
