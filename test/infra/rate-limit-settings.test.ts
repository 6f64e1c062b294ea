/** The rate limit's deployment settings: CDK context in, the HTTP functions' environment out. */
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { rateLimitEnvironment } from '#infra/cdk/rate-limit-settings.ts';

const stackWith = (context: Record<string, unknown>) => new Stack(new App({ context }), 'Settings');

describe('rateLimitEnvironment', () => {
  it('passes the context keys on as the environment the handlers read', () => {
    expect(rateLimitEnvironment(stackWith({ rateLimitRequests: 200, rateLimitWindowSeconds: '30' }))).toEqual(
      {
        RATE_LIMIT_REQUESTS: '200',
        RATE_LIMIT_WINDOW_SECONDS: '30',
      },
    );
  });

  it('sets nothing without context, leaving the handlers their defaults', () => {
    expect(rateLimitEnvironment(stackWith({}))).toEqual({});
  });

  it('fails the synth on a value every request would otherwise fail on', () => {
    expect(() => rateLimitEnvironment(stackWith({ rateLimitRequests: 'lots' }))).toThrow(
      'RATE_LIMIT_REQUESTS',
    );
  });
});
