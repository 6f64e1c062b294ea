/**
 * The Scheduler adapter of one-time schedules, through the real SDK client against the local Scheduler
 * endpoint: the request it makes, its idempotency, and the local scheduler firing the schedule on its clock.
 */
import type { Server } from 'node:http';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalScheduler } from '#infra/local/scheduler.ts';
import { serveSchedulerApi } from '#infra/local/scheduler-api.ts';
import { SchedulerOneTimeSchedules, scheduleName } from '#shared/adapters/scheduler-one-time-schedules.ts';
import { createLogger } from '#shared/logging/logger.ts';

const TARGET = 'arn:aws:lambda:us-east-1:000000000000:function:local-deadlines';
const at = Date.parse('2023-09-25T00:00:00+08:00');

let nowMs = at - 1000;
const invoke = vi.fn(async (_name: string, _event: unknown): Promise<unknown> => undefined);
const scheduler = new LocalScheduler({
  schedules: [],
  invoke,
  nowMs: () => nowMs,
  clockSetting: () => 'fixed',
  log: createLogger({ component: 'test' }, () => undefined),
});
let server: Server;
let client: SchedulerClient;

const adapter = (groupName = 'one-time') =>
  new SchedulerOneTimeSchedules(client, {
    groupName,
    functionArn: TARGET,
    roleArn: 'arn:aws:iam::000000000000:role/scheduler',
  });
const schedule = {
  key: 'end-override:bayu-2023:machine-vision:unit_1:2023-09-24T16:00:00.000Z',
  atMs: at,
  timeZone: 'Asia/Shanghai',
  input: { action: 'end-override', unitId: 'unit_1' },
};

beforeAll(async () => {
  let endpoint: string;
  ({ server, endpoint } = await serveSchedulerApi(scheduler, {
    groupName: 'one-time',
    functionsByArn: new Map([[TARGET, 'deadlines']]),
  }));
  client = new SchedulerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise((r) => server.close(r));
});

describe('one-time schedules through EventBridge Scheduler', () => {
  it('creates an at() schedule in the zone once; the same key again creates nothing', async () => {
    expect(await adapter().schedule(schedule)).toBe(true);
    expect(await adapter().schedule(schedule)).toBe(false);
    expect(scheduler.pendingOneTime()).toEqual([
      {
        schedule: `one-time/${scheduleName(schedule.key)}`,
        expression: 'at(2023-09-25T00:00:00)',
        timeZone: 'Asia/Shanghai',
        input: schedule.input,
        functionName: 'deadlines',
      },
    ]);
    expect(scheduleName(schedule.key)).toMatch(/^[0-9A-Za-z_.-]{1,64}$/);
  });

  it('fails loudly when Scheduler refuses, e.g. a group that does not exist', async () => {
    await expect(adapter('no-such-group').schedule({ ...schedule, key: 'other' })).rejects.toThrow(
      /no schedule group/,
    );
  });

  it('fires the schedule once at its instant, with its input, and then forgets it', async () => {
    scheduler.tick();
    nowMs = at;
    scheduler.tick();
    nowMs = at + 60_000;
    scheduler.tick();
    await scheduler.settled();
    expect(invoke.mock.calls).toEqual([['deadlines', schedule.input]]);
    expect(scheduler.pendingOneTime()).toEqual([]);
  });
});
