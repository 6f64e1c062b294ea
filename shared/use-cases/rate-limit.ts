/**
 * The per-key rate limit: each caller (a bearer token, or the source address of a caller without a valid one)
 * may send `requests` requests per fixed window of `windowSeconds`. The stage-wide throttle of the HTTP API
 * protects the system; this keeps one client from using all of it. HTTP APIs have no per-key usage plans and
 * WAF cannot attach to them, so the count lives in the table, shared by every instance of every function.
 */
import { AppError } from '#shared/domain/errors.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { RateCounter } from '#shared/ports/rate-limit.ts';

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export interface RateLimitDeps {
  counter: RateCounter;
  clock: Clock;
  limit: RateLimit;
}

/** Counts the caller's request, or refuses it with RATE_LIMITED and the seconds until its window ends. */
export async function admitCaller(deps: RateLimitDeps, callerKey: string): Promise<void> {
  const { requests, windowSeconds } = deps.limit;
  const windowMs = windowSeconds * 1000;
  const now = deps.clock.nowMs();
  const windowStartMs = Math.floor(now / windowMs) * windowMs;
  const windowEndMs = windowStartMs + windowMs;
  if (await deps.counter.countBelow(callerKey, windowStartMs, requests, windowEndMs)) return;
  throw new AppError(
    'RATE_LIMITED',
    `this key sent more than ${requests} requests in ${windowSeconds} seconds; retry after the time in Retry-After`,
    undefined,
    { retryAfterSeconds: Math.max(1, Math.ceil((windowEndMs - now) / 1000)) },
  );
}
