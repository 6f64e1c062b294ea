import { describe, expect, it, vi } from 'vitest';
import { LocalScheduler } from '#infra/local/scheduler.ts';
import { localWiring } from '#infra/local/wiring.ts';
import { parseSchedule } from '#infra/schedule-expression.ts';
import { deadlineTriggers, functions, nightlyCron, purgeTriggers } from '#infra/system.ts';
import { parseEdition } from '#shared/domain/edition.ts';
import { createLogger } from '#shared/logging/logger.ts';
import { edition2023 } from '../support/fake-ports.ts';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('schedules derived from an edition', () => {
  it('gives each track its reminders and one closing, at Beijing local times, with the action as input', () => {
    const triggers = deadlineTriggers([edition2023()]);
    expect(triggers.map((t) => [t.schedule, t.expression, t.timeZone])).toEqual([
      ['remind-bayu-2023-ai-trainer-7d', 'at(2023-09-22T00:00:00)', SHANGHAI],
      ['remind-bayu-2023-ai-trainer-1d', 'at(2023-09-28T00:00:00)', SHANGHAI],
      ['close-bayu-2023-ai-trainer', 'at(2023-09-29T00:00:00)', SHANGHAI],
      ['remind-bayu-2023-machine-vision-7d', 'at(2023-09-16T00:00:00)', SHANGHAI],
      ['remind-bayu-2023-machine-vision-1d', 'at(2023-09-22T00:00:00)', SHANGHAI],
      ['close-bayu-2023-machine-vision', 'at(2023-09-23T00:00:00)', SHANGHAI],
    ]);
    expect(triggers.at(-1)?.input).toEqual({
      action: 'close',
      competitionId: 'bayu-2023',
      trackId: 'machine-vision',
    });
    expect(triggers[0]?.input).toEqual({
      action: 'remind',
      competitionId: 'bayu-2023',
      trackId: 'ai-trainer',
      daysBefore: 7,
    });
  });

  it('fires the nightly summary at the edition time in its zone', () => {
    expect(nightlyCron(edition2023())).toEqual({ expression: 'cron(0 2 * * ? *)', timeZone: SHANGHAI });
  });

  it('follows the edition: its own reminder days, track ids and time zone', () => {
    const document = structuredClone(edition2023()) as any;
    document.id = 'bayu-2024';
    document.timeZone = 'Europe/Berlin';
    document.settings.reminderDaysBefore = [3];
    document.tracks = [{ ...document.tracks[1], id: 'robotics', closesAt: '2024-05-01T12:00:00+02:00' }];
    expect(
      deadlineTriggers([parseEdition(document)]).map((t) => [t.schedule, t.expression, t.timeZone]),
    ).toEqual([
      ['remind-bayu-2024-robotics-3d', 'at(2024-04-28T12:00:00)', 'Europe/Berlin'],
      ['close-bayu-2024-robotics', 'at(2024-05-01T12:00:00)', 'Europe/Berlin'],
    ]);
  });
});

describe('the nightly summary schedule', () => {
  it('ends when the last final of the edition is over, Beijing time', () => {
    // The AI trainer final is the later one and ends on 22 October 2023: midnight after it is 16:00 UTC.
    const nightly = functions
      .flatMap((f) => f.triggers)
      .find((t) => t.kind === 'schedule' && t.schedule === 'nightly-summary-bayu-2023');
    expect(nightly).toMatchObject({ expression: 'cron(0 2 * * ? *)', endsAt: '2023-10-22T16:00:00.000Z' });
  });
});

describe('the purge schedule derived from an edition', () => {
  it('fires at the end of the 180th day after the last day of the last final, Beijing time', () => {
    // The AI trainer final is the later one: 20-22 October 2023; 22 October + 180 days is 19 April 2024.
    expect(purgeTriggers([edition2023()])).toEqual([
      {
        kind: 'schedule',
        schedule: 'purge-bayu-2023',
        expression: 'at(2024-04-20T00:00:00)',
        timeZone: SHANGHAI,
        input: { action: 'purge-personal-data', competitionId: 'bayu-2023' },
      },
    ]);
  });

  it("follows the edition's retention setting, its finals and its time zone", () => {
    const document = structuredClone(edition2023()) as any;
    document.id = 'bayu-2024';
    document.timeZone = 'Europe/Berlin';
    document.settings.personalDataRetentionDays = 0;
    document.tracks[0].final.endsOn = '2024-10-30';
    expect(
      purgeTriggers([parseEdition(document)]).map((t) => [t.schedule, t.expression, t.timeZone]),
    ).toEqual([['purge-bayu-2024', 'at(2024-10-31T00:00:00)', 'Europe/Berlin']]);
  });
});

describe('schedule expressions', () => {
  it('fire at() once, at the local time of its zone', () => {
    const s = parseSchedule('at(2023-09-23T00:00:00)', SHANGHAI);
    const instant = at('2023-09-22T16:00:00Z');
    expect(s.firesBetween(instant - 1, instant)).toEqual([instant]);
    expect(s.firesBetween(instant, instant + 60_000)).toEqual([]);
  });

  it('fire a nightly cron at 02:00 Beijing time, which is 18:00 UTC the day before', () => {
    const s = parseSchedule('cron(0 2 * * ? *)', SHANGHAI);
    expect(
      s
        .firesBetween(at('2023-09-01T00:00:00Z'), at('2023-09-03T00:00:00Z'))
        .map((t) => new Date(t).toISOString()),
    ).toEqual(['2023-09-01T18:00:00.000Z', '2023-09-02T18:00:00.000Z']);
  });

  it('read a cron field pinned to a number, the day of week as Scheduler does (1 = SUN)', () => {
    const sundays = parseSchedule('cron(0 0 ? * 1 *)', 'UTC');
    expect(sundays.firesBetween(at('2023-09-01T00:00:00Z'), at('2023-09-08T00:00:00Z'))).toEqual([
      at('2023-09-03T00:00:00Z'),
    ]);
    const once = parseSchedule('cron(30 8 1 1 ? 2024)', 'UTC');
    expect(once.firesBetween(at('2024-01-01T07:59:00Z'), at('2024-01-01T09:00:00Z'))).toEqual([
      at('2024-01-01T08:30:00Z'),
    ]);
    expect(once.firesBetween(at('2023-01-01T07:59:00Z'), at('2023-01-01T09:00:00Z'))).toEqual([]);
  });

  it('accept every schedule the system declares', () => {
    const { schedules } = localWiring();
    expect(schedules.map((s) => s.expression.slice(0, s.expression.indexOf('(')))).toEqual(
      expect.arrayContaining(['at', 'cron']),
    );
    for (const { expression, timeZone } of schedules) {
      expect(() => parseSchedule(expression, timeZone), expression).not.toThrow();
    }
  });

  it('refuse rate() and cron lists, ranges, steps and names, which no schedule of the system uses', () => {
    expect(() => parseSchedule('rate(5 minutes)', 'UTC')).toThrow(
      'rate(5 minutes): the local scheduler runs at() and cron() expressions only',
    );
    for (const [bad, field] of [
      ['cron(30 9 ? * MON-FRI *)', 'MON-FRI'],
      ['cron(0 0 ? * SUN *)', 'SUN'],
      ['cron(0/15 8 1 * ? *)', '0/15'],
      ['cron(0 8 1 1,7 ? *)', '1,7'],
    ] as const) {
      expect(() => parseSchedule(bad, 'UTC'), bad).toThrow(`cron field "${field}" is not supported locally`);
    }
  });

  it('refuse what they would misread', () => {
    for (const bad of [
      'cron(0 2 L * ? *)',
      'cron(0 2 * *)',
      'cron(0 25 * * ? *)',
      'at(2023-09-23)',
      'every day',
    ]) {
      expect(() => parseSchedule(bad, SHANGHAI), bad).toThrow();
    }
  });
});

describe('the local scheduler', () => {
  function scheduler(expression: string, endsAt?: string) {
    let now = at('2023-09-22T15:59:59Z');
    let setting = 'start';
    const invoke = vi.fn(async () => undefined);
    const s = new LocalScheduler({
      schedules: [
        {
          schedule: 'close',
          expression,
          timeZone: SHANGHAI,
          input: { action: 'close' },
          functionName: 'deadlines',
          ...(endsAt ? { endsAt } : {}),
        },
      ],
      invoke,
      nowMs: () => now,
      clockSetting: () => setting,
      log: createLogger({ component: 'test' }),
    });
    return {
      s,
      invoke,
      advance: (ms: number) => {
        now += ms;
        s.tick();
      },
      jump: (iso: string) => {
        now = at(iso);
        setting = iso;
        s.tick();
      },
    };
  }

  it('refuses to start with a schedule it cannot run, naming the schedule', () => {
    expect(() => scheduler('rate(1 day)')).toThrow(
      'schedule close: rate(1 day): the local scheduler runs at() and cron() expressions only',
    );
  });

  it('fires a schedule when the clock passes it, with its input, once', async () => {
    const { s, invoke, advance } = scheduler('at(2023-09-23T00:00:00)');
    s.start();
    advance(999);
    expect(invoke).not.toHaveBeenCalled();
    advance(1);
    advance(60_000);
    await s.stop();
    expect(invoke).toHaveBeenCalledExactlyOnceWith('deadlines', { action: 'close' });
    expect(s.fired).toEqual([{ schedule: 'close', at: '2023-09-22T16:00:00.000Z' }]);
  });

  it('fires a schedule no more after its end', async () => {
    const ended = scheduler('cron(0 0 * * ? *)', '2023-09-22T15:59:00Z');
    ended.s.start();
    ended.advance(60_000);
    await ended.s.stop();
    expect(ended.invoke).not.toHaveBeenCalled();
    const running = scheduler('cron(0 0 * * ? *)', '2023-09-22T16:00:00Z');
    running.s.start();
    running.advance(60_000);
    await running.s.stop();
    expect(running.s.fired).toEqual([{ schedule: 'close', at: '2023-09-22T16:00:00.000Z' }]);
  });

  it('treats a moved clock as a jump: nothing between the old and new reading fires', async () => {
    const { s, invoke, jump, advance } = scheduler('at(2023-09-23T00:00:00)');
    s.start();
    jump('2023-09-23T10:00:00+08:00');
    advance(1000);
    await s.stop();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('retries a failing invocation, then keeps it as a dead letter', async () => {
    const { s, invoke, advance } = scheduler('at(2023-09-23T00:00:00)');
    invoke.mockRejectedValue(new Error('boom'));
    s.start();
    vi.useFakeTimers();
    advance(1000);
    await vi.runAllTimersAsync();
    vi.useRealTimers();
    await s.stop();
    expect(invoke).toHaveBeenCalledTimes(3);
    expect(s.deadLetters).toEqual([
      { schedule: 'close', firedAt: '2023-09-22T16:00:00.000Z', error: 'boom' },
    ]);
  });
});
