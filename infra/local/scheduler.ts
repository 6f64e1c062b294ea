/**
 * The local EventBridge Scheduler: the system's schedules fire on the app clock (envClock, which
 * APP_CLOCK_START and /local/clock move), with Scheduler's retries and a dead-letter list. The clock is read
 * every tick; schedules whose instant passed since the previous tick fire. Moving the clock is a jump, not
 * elapsed time: what lies between the old and the new reading does not fire (as a schedule created now would
 * not fire for past instants), so starting just before a deadline fires the deadline and nothing earlier.
 * Schedules made at run time (scheduler-api.ts) join the same list; one-time ones leave it once fired, as
 * Scheduler deletes them (ActionAfterCompletion DELETE).
 */
import type { Logger } from '#shared/logging/logger.ts';
import { type ParsedSchedule, parseSchedule } from '../schedule-expression.ts';
import type { Invoke } from './functions.ts';
import { Deliveries, type RetryOptions } from './retry.ts';
import type { LocalSchedule } from './wiring.ts';

export interface ScheduleDeadLetter {
  schedule: string;
  firedAt: string;
  error: string;
}

/** Retries as in RetryOptions; the deployed retry policy allows more. */
export interface LocalSchedulerOptions extends RetryOptions {
  schedules: LocalSchedule[];
  invoke: Invoke;
  /** The app clock. */
  nowMs: () => number;
  /** Changes whenever the app clock is moved (the offset setting), so a jump is told from elapsed time. */
  clockSetting: () => string;
  log: Logger;
  tickMs?: number;
  /** Told when a one-time schedule fired and left the list (the runtime keeps the list in its data folder). */
  onOneTimeFired?: () => void;
}

/** The schedule's expression read, or an error that names the schedule whose expression local cannot run. */
function parsed(schedule: LocalSchedule): ParsedSchedule {
  try {
    return parseSchedule(schedule.expression, schedule.timeZone);
  } catch (error) {
    throw new Error(`schedule ${schedule.schedule}: ${(error as Error).message}`, { cause: error });
  }
}

export class LocalScheduler {
  readonly deadLetters: ScheduleDeadLetter[] = [];
  /** Every firing so far: schedule name and the instant it fired for. */
  readonly fired: Array<{ schedule: string; at: string }> = [];
  private readonly parsed: Array<{ schedule: LocalSchedule; parsed: ParsedSchedule; once?: boolean }>;
  private readonly deliveries: Deliveries;
  private timer: NodeJS.Timeout | undefined;
  private lastMs = 0;
  private lastSetting = '';

  constructor(private readonly options: LocalSchedulerOptions) {
    // Parsed up front: a schedule the local runtime cannot read fails the start, not the deadline.
    this.parsed = options.schedules.map((schedule) => ({ schedule, parsed: parsed(schedule) }));
    this.deliveries = new Deliveries(options);
  }

  /** A schedule made at run time; `once`: removed after it fired. Throws on an expression it cannot read. */
  add(schedule: LocalSchedule, options: { once: boolean }): void {
    this.parsed.push({ schedule, parsed: parsed(schedule), ...options });
  }

  /** The schedules made at run time that have not fired yet. */
  pendingOneTime(): LocalSchedule[] {
    return this.parsed.filter((p) => p.once).map((p) => p.schedule);
  }

  has(name: string): boolean {
    return this.parsed.some((p) => p.schedule.schedule === name);
  }

  start(): void {
    this.lastMs = this.options.nowMs();
    this.lastSetting = this.options.clockSetting();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 100);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.settled();
  }

  /** Resolves when every firing started so far has finished. */
  settled(): Promise<void> {
    return this.deliveries.settled();
  }

  tick(): void {
    const now = this.options.nowMs();
    const setting = this.options.clockSetting();
    const from = this.lastMs;
    this.lastMs = now;
    if (setting !== this.lastSetting) {
      this.lastSetting = setting;
      return;
    }
    for (const entry of [...this.parsed]) {
      const ends =
        entry.schedule.endsAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(entry.schedule.endsAt);
      const fires = entry.parsed.firesBetween(from, now).filter((at) => at <= ends);
      for (const at of fires) {
        const firedAt = new Date(at).toISOString();
        this.fired.push({ schedule: entry.schedule.schedule, at: firedAt });
        this.deliver(entry.schedule, firedAt);
      }
      if (entry.once && fires.length > 0) {
        this.parsed.splice(this.parsed.indexOf(entry), 1);
        this.options.onOneTimeFired?.();
      }
    }
  }

  private deliver(schedule: LocalSchedule, firedAt: string): void {
    this.deliveries.start(
      // Scheduler passes the target input verbatim as the function's event.
      () => this.options.invoke(schedule.functionName, structuredClone(schedule.input)),
      (error) => {
        this.deadLetters.push({ schedule: schedule.schedule, firedAt, error: (error as Error).message });
        this.options.log.error(
          'scheduled invocation failed; sent to dead letters',
          { schedule: schedule.schedule, firedAt },
          error,
        );
      },
    );
  }
}
