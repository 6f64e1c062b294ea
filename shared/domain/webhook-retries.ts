/**
 * When a failed delivery is tried again: the Standard Webhooks reference schedule after the first attempt
 * (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h), each delay spread by up to ±10 % so that the retries
 * of many messages to one receiver that came back do not arrive together; none later than 3 days after the
 * first attempt. A receiver that answers 429 or 503 with Retry-After gets the wait it asked for, within
 * 5 s and 24 h (a receiver can neither make us hammer it nor park a message past the schedule's longest step).
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
] as const;
/** After this long from the first attempt, a message is given up. */
const RETRY_WINDOW_MS = 72 * HOUR;
const JITTER = 0.1;
const RETRY_AFTER_BOUNDS_MS = [5 * SECOND, 24 * HOUR] as const;

export interface FailedAttempt {
  /** The attempt that just failed, from 1. */
  attempt: number;
  firstAttemptMs: number;
  nowMs: number;
  /** The receiver's Retry-After, in seconds, when it answered 429 or 503 with one. */
  retryAfterSeconds?: number;
}

/** When to try again, or undefined when the message is given up. `random` is in [0, 1). */
export function nextAttemptMs(failed: FailedAttempt, random: () => number = Math.random): number | undefined {
  const step = RETRY_DELAYS_MS[failed.attempt - 1];
  if (step === undefined) return undefined;
  const delay =
    failed.retryAfterSeconds === undefined
      ? step * (1 - JITTER + 2 * JITTER * random())
      : Math.min(
          Math.max(failed.retryAfterSeconds * SECOND, RETRY_AFTER_BOUNDS_MS[0]),
          RETRY_AFTER_BOUNDS_MS[1],
        );
  const next = failed.nowMs + Math.round(delay);
  return next <= failed.firstAttemptMs + RETRY_WINDOW_MS ? next : undefined;
}

/** Statuses whose Retry-After is honoured: the receiver is throttling or briefly down. */
export const THROTTLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Retry-After as seconds: a number of seconds or an HTTP date; anything else is ignored. */
export function retryAfterSeconds(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / SECOND));
}
