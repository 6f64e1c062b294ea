/**
 * The composition root of the overrides API, apart from composition.ts so that the other functions' bundles do
 * not carry the Scheduler client.
 */
import { envClock } from './adapters/env-clock.ts';
import { schedulerClient } from './adapters/scheduler-client.ts';
import { SchedulerOneTimeSchedules } from './adapters/scheduler-one-time-schedules.ts';
import { deadlineStore, editionStore, unitStore } from './composition.ts';
import { requiredEnv } from './config/config.ts';
import { ENV } from './config/env-names.ts';
import { once } from './lib/once.ts';
import type { OverrideDeps } from './use-cases/deadline-overrides.ts';

export const overrideDeps = once((): OverrideDeps => {
  const deadLetterArn = process.env[ENV.oneTimeScheduleDeadLetterArn];
  return {
    deadlines: deadlineStore(),
    editions: editionStore(),
    units: unitStore(),
    clock: envClock,
    schedules: new SchedulerOneTimeSchedules(schedulerClient(), {
      groupName: requiredEnv(ENV.oneTimeScheduleGroup),
      functionArn: requiredEnv(ENV.oneTimeScheduleTargetArn),
      roleArn: requiredEnv(ENV.oneTimeScheduleRoleArn),
      ...(deadLetterArn ? { deadLetterArn } : {}),
    }),
  };
});
