import type { IConstruct } from 'constructs';
import { ENV } from '#shared/config/env-names.ts';
import { parseRateLimit } from '#shared/config/rate-limit.ts';

/** cdk.json context keys (or `-c rateLimitRequests=200`) → the environment the API's functions read. */
const RATE_LIMIT_CONTEXT = {
  rateLimitRequests: ENV.rateLimitRequests,
  rateLimitWindowSeconds: ENV.rateLimitWindowSeconds,
} as const;

/**
 * The per-key rate limit of the HTTP functions, from the deployment's context; keys left unset keep the
 * handlers' defaults. A value the handlers would refuse fails the synth instead of every request.
 */
export function rateLimitEnvironment(scope: IConstruct): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [context, name] of Object.entries(RATE_LIMIT_CONTEXT)) {
    const value: unknown = scope.node.tryGetContext(context);
    if (value !== undefined) env[name] = String(value);
  }
  parseRateLimit(env);
  return env;
}
