import { setTimeout } from 'node:timers/promises';
import { AppError, StaleVersion } from '#shared/domain/errors.ts';

export interface ConflictRetry {
  /** Tries in all, the first included. */
  attempts: number;
  /** The ceiling of the first wait; each later one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Replaceable so a test can see the waits without taking them. */
  random: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

/**
 * The writers that race on one entry are few (the unit, the eligibility check, the photo check), so a few tries
 * settle it; the waits add at most 20 + 40 + 80 + 160 ms to a request that lost every race.
 */
const defaults: ConflictRetry = {
  attempts: 5,
  baseDelayMs: 20,
  maxDelayMs: 160,
  random: Math.random,
  sleep: setTimeout,
};

const isLostRace = (error: unknown) =>
  error instanceof AppError && error.code === 'VERSION_CONFLICT' && !(error instanceof StaleVersion);

/**
 * Runs `attempt` (a read, a decision and a write conditional on the version read) again while it loses to another
 * write (VERSION_CONFLICT, but not StaleVersion), and throws the last conflict after the last try. Each wait is drawn at random up to a
 * doubling ceiling ("full jitter"), so writers that collided once do not retry in step and collide again.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  options: Partial<ConflictRetry> = {},
): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs, random, sleep } = { ...defaults, ...options };
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLostRace(error) || tried >= attempts) throw error;
      await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (tried - 1)));
    }
  }
}
