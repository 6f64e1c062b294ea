/**
 * The per-key rate limit: each caller (a bearer token, or the source address of a caller without a valid one)
 * may send `requests` requests per fixed window of `windowSeconds`. The stage-wide throttle of the HTTP API
 * protects the system; this keeps one client from using all of it. HTTP APIs have no per-key usage plans and
 * WAF cannot attach to them, so the count lives in the table, shared by every instance of every function.
 */
import { ENV } from '#shared/config/env-names.ts';
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

/**
 * 10 requests a second on average, 100 at most in any window: a person at the web form sends a few a minute,
 * a portal's bulk import one upload and a commit, while the stage's throttle (50/s, bursts of 100) still
 * leaves room for everyone else.
 */
const DEFAULT_LIMIT: RateLimit = { requests: 100, windowSeconds: 10 };

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

/** The limit from the deployment's settings (environment), validated at start-up. */
export function parseRateLimit(env: Record<string, string | undefined>): RateLimit {
  return {
    requests: positiveInteger(env, ENV.rateLimitRequests, DEFAULT_LIMIT.requests),
    windowSeconds: positiveInteger(env, ENV.rateLimitWindowSeconds, DEFAULT_LIMIT.windowSeconds),
  };
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
