/**
 * The EventBridge Scheduler client, one per process, in a module of its own: only the overrides API creates
 * schedules, and a `once(...)` in aws-clients.ts would put the Scheduler SDK into every function's bundle.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { once } from '#shared/lib/once.ts';

export const schedulerClient = once(() => new SchedulerClient({}));
