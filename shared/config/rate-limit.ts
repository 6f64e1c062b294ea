import type { RateLimit } from '#shared/use-cases/rate-limit.ts';
import { ENV } from './env-names.ts';

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
