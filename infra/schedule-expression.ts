/**
 * The EventBridge Scheduler expression grammar, as both runtimes need it: the system description writes `at()`
 * expressions in an edition's time zone, and the local scheduler reads `at()`, `cron()` and `rate()` back to
 * know when each schedule fires. Cron follows Scheduler's six fields (minutes hours day-of-month month
 * day-of-week year, day-of-week 1-7 = SUN-SAT); `L`, `W` and `#` are refused rather than misread.
 */
import { TZDate } from '@date-fns/tz';

// Written by the scheduler adapter too (schedules made at run time); read back here.
export { atExpression } from '#shared/adapters/scheduler-expression.ts';

export interface ParsedSchedule {
  /** The instants in (fromMs, toMs] at which the schedule fires, oldest first. */
  firesBetween(fromMs: number, toMs: number): number[];
}

const MINUTE_MS = 60_000;
/** A local window longer than this (a suspended machine) fires a cron schedule at most this many times. */
const MAX_CRON_MINUTES = 7 * 24 * 60;

export function parseSchedule(expression: string, timeZone: string): ParsedSchedule {
  const match = /^(at|cron|rate)\((.+)\)$/.exec(expression.trim());
  if (!match) throw new Error(`not a schedule expression: ${expression}`);
  const [, kind, body = ''] = match;
  if (kind === 'at') return parseAt(body, timeZone);
  if (kind === 'rate') return parseRate(body);
  return parseCron(body, timeZone);
}

function parseAt(body: string, timeZone: string): ParsedSchedule {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) throw new Error(`at() takes yyyy-mm-ddThh:mm:ss: ${body}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const atMs = new TZDate(y, mo - 1, d, h, mi, s, timeZone).getTime();
  return { firesBetween: (from, to) => (from < atMs && atMs <= to ? [atMs] : []) };
}

const RATE_UNITS: Record<string, number> = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
};

function parseRate(body: string): ParsedSchedule {
  const m = /^(\d+) (minute|hour|day)s?$/.exec(body);
  if (!m || Number(m[1]) < 1) throw new Error(`rate() takes "<n> minutes|hours|days": ${body}`);
  const periodMs = Number(m[1]) * (RATE_UNITS[m[2] ?? ''] ?? 0);
  return {
    firesBetween: (from, to) => {
      const fires: number[] = [];
      for (let t = (Math.floor(from / periodMs) + 1) * periodMs; t <= to; t += periodMs) fires.push(t);
      return fires;
    },
  };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** One cron field as the set of values it allows (undefined: any). */
function cronField(field: string, min: number, max: number, names: string[] = []): Set<number> | undefined {
  if (field === '*' || field === '?') return undefined;
  const value = (token: string) => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + min : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron value out of range: ${token}`);
    return n;
  };
  const allowed = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`unsupported cron field: ${field}`);
    const [, start = '', end, step] = m;
    const from = start === '*' ? min : value(start);
    const to = end !== undefined ? value(end) : start === '*' || step !== undefined ? max : from;
    for (let n = from; n <= to; n += Number(step ?? 1)) allowed.add(n);
  }
  return allowed;
}

function parseCron(body: string, timeZone: string): ParsedSchedule {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron() takes six fields: ${body}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const sets = {
    minutes: cronField(minutes, 0, 59),
    hours: cronField(hours, 0, 23),
    dayOfMonth: cronField(dayOfMonth, 1, 31),
    month: cronField(month, 1, 12, MONTHS),
    dayOfWeek: cronField(dayOfWeek, 1, 7, DAYS),
    year: cronField(year, 1970, 2199),
  };
  const allows = (set: Set<number> | undefined, n: number) => set === undefined || set.has(n);
  const matches = (ms: number) => {
    const t = new TZDate(ms, timeZone);
    return (
      allows(sets.minutes, t.getMinutes()) &&
      allows(sets.hours, t.getHours()) &&
      allows(sets.dayOfMonth, t.getDate()) &&
      allows(sets.month, t.getMonth() + 1) &&
      allows(sets.dayOfWeek, t.getDay() + 1) &&
      allows(sets.year, t.getFullYear())
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
