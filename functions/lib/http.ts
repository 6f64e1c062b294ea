/**
 * The HTTP edge shared by every API function: route by API Gateway's routeKey, parse and check the request,
 * call one use case, map typed errors to problem+json. No business decisions here.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { describeError, logger } from '#shared/logging/logger.ts';
import type { TokenStore } from '#shared/ports/stores.ts';
import { authenticate, bearerTokenHash } from '#shared/use-cases/authenticate.ts';
import { admitCaller, type RateLimitDeps } from '#shared/use-cases/rate-limit.ts';
import { isDependencyOutage } from './dependency-outage.ts';
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
  /** The body parsed as JSON; MALFORMED_REQUEST when it is not JSON sent as JSON. */
  json(): unknown;
  /** The authenticated caller; UNAUTHENTICATED without a valid token. */
  principal(): Promise<Principal>;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: HttpRequest) => Promise<HttpResult>;

/**
 * What a function that authenticates its callers needs at its edge: the tokens, and the per-key rate limit
 * (always both, so no authenticating function can be built without the limit).
 */
export interface CallerChecks {
  tokens: () => TokenStore;
  rateLimit: () => RateLimitDeps;
}

function rawBodyOf(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError('MALFORMED_REQUEST', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  return text;
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

function toRequest(event: APIGatewayProxyEventV2, tokens: (() => TokenStore) | undefined): HttpRequest {
  const headers = event.headers ?? {};
  const rawBody = rawBodyOf(event);
  let principal: Promise<Principal> | undefined;
  return {
    params: (event.pathParameters ?? {}) as Record<string, string>,
    query: (event.queryStringParameters ?? {}) as Record<string, string>,
    headers,
    requestId: event.requestContext.requestId,
    rawBody,
    json: () => parseJson(headers, rawBody),
    principal: () => {
      if (!tokens) throw new Error('this function was built without authentication');
      principal ??= authenticate(tokens(), headers.authorization);
      return principal;
    },
  };
}

function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: result.status,
    headers: {
      'cache-control': 'no-store',
      ...(result.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...result.headers,
    },
    ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
  };
}

/**
 * Who the rate limit counts: the bearer token when it is valid, otherwise the source address (so sending
 * made-up tokens earns no fresh allowance). Authenticating first costs nothing extra: routes do it anyway,
 * and the outcome is kept for them.
 */
async function callerKey(req: HttpRequest, event: APIGatewayProxyEventV2): Promise<string> {
  try {
    await req.principal();
    return `key:${bearerTokenHash(req.headers.authorization)}`;
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      return `ip:${event.requestContext.http.sourceIp}`;
    }
    throw error;
  }
}

/**
 * Builds a function's handler from its routes, keyed by API Gateway routeKey (`POST /v1/units`). Functions
 * that authenticate pass their caller checks; public ones pass none, which keeps the SDK out of their bundle
 * and leaves them to the stage-wide throttle.
 */
export function httpFunction(routes: Record<string, RouteHandler>, checks?: CallerChecks) {
  const dispatch = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = routes[event.routeKey];
    if (!route) throw new AppError('NOT_FOUND', `no route ${event.routeKey}`);
    const req = toRequest(event, checks?.tokens);
    if (checks) await admitCaller(checks.rateLimit(), await callerKey(req, event));
    return toResponse(await route(req));
  };

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(httpHeaderNormalizer())
    .use({
      before: (request) => {
        (request.internal as Record<string, unknown>).startedAt = performance.now();
      },
      after: (request) => logRequest(request.event, request.response?.statusCode, request.internal),
      onError: (request) => {
        const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
        const route = request.event.routeKey;
        if (isDependencyOutage(request.error)) {
          logger.warn('dependency unavailable; answered 503', {
            requestId,
            route,
            ...describeError(request.error),
          });
        } else if (!(request.error instanceof AppError)) {
          logger.error('request failed', { requestId, route }, request.error);
        }
        request.response = problemResponse(request.error, requestId);
        logRequest(request.event, request.response.statusCode, request.internal);
      },
    })
    .handler(dispatch);
}

function logRequest(event: APIGatewayProxyEventV2, status: number | undefined, internal: unknown): void {
  const startedAt = (internal as { startedAt?: number }).startedAt ?? performance.now();
  logger.info('request', {
    requestId: event.requestContext?.requestId,
    route: event.routeKey,
    status,
    durationMs: Math.round(performance.now() - startedAt),
  });
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
