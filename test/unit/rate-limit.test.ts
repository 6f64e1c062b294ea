/**
 * The per-key rate limit: a fixed window per caller key, counted atomically by the RateCounter port (here in
 * memory; test/integration/rate-limit.test.ts runs it against DynamoDB Local through the local gateway).
 */
import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '#shared/config/rate-limit.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { RateCounter } from '#shared/ports/rate-limit.ts';
import { admitCaller } from '#shared/use-cases/rate-limit.ts';
import { FixedClock } from '../support/fake-ports.ts';

class InMemoryRateCounter implements RateCounter {
  readonly hits = new Map<string, number>();
  async countBelow(callerKey: string, windowStartMs: number, limit: number): Promise<boolean> {
    const key = `${callerKey}@${windowStartMs}`;
    const hits = this.hits.get(key) ?? 0;
    if (hits >= limit) return false;
    this.hits.set(key, hits + 1);
    return true;
  }
}

const limit = { requests: 3, windowSeconds: 10 };

function limiter(at = '2023-09-22T15:59:00.000Z') {
  const clock = new FixedClock(at);
  return { clock, deps: { counter: new InMemoryRateCounter(), clock, limit } };
}

async function refusal(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('admitCaller', () => {
  it('admits a key up to its limit in a window, then refuses it with RATE_LIMITED until the window ends', async () => {
    const { clock, deps } = limiter('2023-09-22T15:59:03.200Z');
    for (let i = 0; i < 3; i++) await admitCaller(deps, 'key:a');

    const refused = await refusal(admitCaller(deps, 'key:a'));

    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    // The window runs from :00 to :10; 6.8 s are left, rounded up.
    expect(refused.retryAfterSeconds).toBe(7);
    clock.set('2023-09-22T15:59:10.000Z');
    await expect(admitCaller(deps, 'key:a')).resolves.toBeUndefined();
  });

  it('keeps counting each key on its own: one key throttled, another still admitted', async () => {
    const { deps } = limiter();
    for (let i = 0; i < 3; i++) await admitCaller(deps, 'key:a');

    await expect(admitCaller(deps, 'key:a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(admitCaller(deps, 'key:b')).resolves.toBeUndefined();
    await expect(admitCaller(deps, 'ip:203.0.113.9')).resolves.toBeUndefined();
  });

  it('asks a caller refused in the last instant of a window to wait at least a second', async () => {
    const { deps } = limiter('2023-09-22T15:59:09.999Z');
    for (let i = 0; i < 3; i++) await admitCaller(deps, 'key:a');

    expect((await refusal(admitCaller(deps, 'key:a'))).retryAfterSeconds).toBe(1);
  });
});

describe('parseRateLimit', () => {
  it('defaults to a limit no real unit meets, well under the stage-wide throttle', () => {
    expect(parseRateLimit({})).toEqual({ requests: 100, windowSeconds: 10 });
  });

  it('reads the settings', () => {
    expect(parseRateLimit({ RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: '60' })).toEqual({
      requests: 5,
      windowSeconds: 60,
    });
  });

  it.each([
    ['RATE_LIMIT_REQUESTS', '0'],
    ['RATE_LIMIT_REQUESTS', 'many'],
    ['RATE_LIMIT_WINDOW_SECONDS', '1.5'],
    ['RATE_LIMIT_WINDOW_SECONDS', '-10'],
  ])('refuses %s=%s at start-up', (name, value) => {
    expect(() => parseRateLimit({ [name]: value })).toThrow(name);
  });
});
