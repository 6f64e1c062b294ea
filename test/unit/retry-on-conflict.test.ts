import { describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/domain/errors.ts';
import { retryOnConflict } from '#shared/lib/retry-on-conflict.ts';

const conflict = () => new AppError('VERSION_CONFLICT', 'changed meanwhile');

/** An attempt that loses `losses` races, then answers `done`; and the waits it was made to take. */
function racing(losses: number) {
  const attempt = vi.fn(async () => {
    if (attempt.mock.calls.length <= losses) throw conflict();
    return 'done';
  });
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { attempt, waits, sleep };
}

describe('retryOnConflict', () => {
  it('answers the first try that wins, without waiting', async () => {
    const { attempt, waits, sleep } = racing(0);
    await expect(retryOnConflict(attempt, { sleep })).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('tries again after each lost race, waiting a random share of a doubling ceiling', async () => {
    const { attempt, waits, sleep } = racing(3);
    await expect(retryOnConflict(attempt, { sleep, random: () => 0.5 })).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([10, 20, 40]);
  });

  it('draws each wait anew between zero and the ceiling, which stops at its cap', async () => {
    const { attempt, waits, sleep } = racing(4);
    const draws = [0, 1, 0.25, 1];
    await retryOnConflict(attempt, {
      sleep,
      random: () => draws.shift() ?? 0,
      baseDelayMs: 100,
      maxDelayMs: 300,
    });
    expect(waits).toEqual([0, 200, 75, 300]);
  });

  it('gives up after a few tries with the last conflict', async () => {
    const { attempt, waits, sleep } = racing(Number.POSITIVE_INFINITY);
    await expect(retryOnConflict(attempt, { sleep })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(attempt).toHaveBeenCalledTimes(5);
    expect(waits).toHaveLength(4);
    for (const [i, ms] of waits.entries()) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(20 * 2 ** i);
    }
  });

  it('passes any other failure through at once', async () => {
    const { waits, sleep } = racing(0);
    const attempt = vi.fn(async () => {
      throw new AppError('INVALID_STATE', 'withdrawn');
    });
    await expect(retryOnConflict(attempt, { sleep })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      retryOnConflict(async () => Promise.reject(new Error('table unavailable')), { sleep }),
    ).rejects.toThrow('table unavailable');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });
});
