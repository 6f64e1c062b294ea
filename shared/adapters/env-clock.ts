import { ENV } from '#shared/config/env-names.ts';
import type { Clock } from '#shared/ports/clock.ts';

/**
 * The machine clock shifted by APP_CLOCK_OFFSET_MS. The offset is read on every call because the local runtime
 * moves it while handlers run in its process (APP_CLOCK_START, /local/clock); in AWS it is never set.
 */
export const envClock: Clock = {
  nowMs: () => Date.now() + Number(process.env[ENV.clockOffsetMs] ?? 0),
};
