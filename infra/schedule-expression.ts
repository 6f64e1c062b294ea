/**
 * The EventBridge Scheduler expressions the system declares, as both runtimes need them: the system description
 * writes `at()` expressions in an edition's time zone (and the override grants write them at run time), and the
 * local scheduler reads them back, with the nightly `cron()`, to know when each schedule fires. Locally a cron
 * field is `*`, `?` or one number (Scheduler's six fields: minutes hours day-of-month month day-of-week year,
 * day-of-week 1-7 = SUN-SAT); `rate()`, lists, ranges, steps, names and `L`, `W`, `#` are refused at start-up
 * rather than misread: the system must not declare what the local runtime cannot run.
 */
import { TZDate } from '@date-fns/tz';

// Written by the scheduler adapter too (schedules made at run time); read back here.
export { atExpression } from '#shared/adapters/scheduler-expression.ts';

export interface ParsedSchedule {
  /** The instants in (fromMs, toMs] at which the schedule fires, oldest first. */
  firesBetween(fromMs: number, toMs: number): number[];
}

const MINUTE_MS = 60_000;
/** The values each of the six cron fields may take, in order. */
const CRON_RANGES: ReadonlyArray<readonly [min: number, max: number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [1, 7],
  [1970, 2199],
];
/** A local window longer than this (a suspended machine) fires a cron schedule at most this many times. */
const MAX_CRON_MINUTES = 7 * 24 * 60;

export function parseSchedule(expression: string, timeZone: string): ParsedSchedule {
  const match = /^(at|cron)\((.+)\)$/.exec(expression.trim());
  if (!match) throw new Error(`${expression}: the local scheduler runs at() and cron() expressions only`);
  const [, kind, body = ''] = match;
  return kind === 'at' ? parseAt(body, timeZone) : parseCron(body, timeZone);
}

function parseAt(body: string, timeZone: string): ParsedSchedule {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) throw new Error(`at() takes yyyy-mm-ddThh:mm:ss: ${body}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const atMs = new TZDate(y, mo - 1, d, h, mi, s, timeZone).getTime();
  return { firesBetween: (from, to) => (from < atMs && atMs <= to ? [atMs] : []) };
}

/** One cron field as the value it requires (undefined: any). */
function cronField(field: string, min: number, max: number): number | undefined {
  if (field === '*' || field === '?') return undefined;
  const n = /^\d+$/.test(field) ? Number(field) : Number.NaN;
  if (!(n >= min && n <= max)) {
    throw new Error(
      `cron field "${field}" is not supported locally (*, ? or a number from ${min} to ${max})`,
    );
  }
  return n;
}

function parseCron(body: string, timeZone: string): ParsedSchedule {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron() takes six fields: ${body}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = CRON_RANGES.map(([min, max], i) =>
    cronField(fields[i] ?? '', min, max),
  );
  const allows = (required: number | undefined, n: number) => required === undefined || required === n;
  const matches = (ms: number) => {
    const t = new TZDate(ms, timeZone);
    return (
      allows(minute, t.getMinutes()) &&
      allows(hour, t.getHours()) &&
      allows(dayOfMonth, t.getDate()) &&
      allows(month, t.getMonth() + 1) &&
      allows(dayOfWeek, t.getDay() + 1) &&
      allows(year, t.getFullYear())
    );
  };
  return {
    firesBetween: (from, to) => {
      const fires: number[] = [];
      const first =
        Math.max(Math.floor(from / MINUTE_MS) + 1, Math.ceil(to / MINUTE_MS) - MAX_CRON_MINUTES) * MINUTE_MS;
      for (let t = first; t <= to; t += MINUTE_MS) if (matches(t)) fires.push(t);
      return fires;
    },
  };
}
