import { createHash } from 'node:crypto';
import { ConflictException, CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { OneTimeSchedule, OneTimeSchedules } from '#shared/ports/one-time-schedules.ts';
import { atExpression } from './scheduler-expression.ts';

export interface OneTimeScheduleTarget {
  groupName: string;
  /** The function the schedules invoke. */
  functionArn: string;
  /** The role Scheduler assumes to invoke it. */
  roleArn: string;
  deadLetterArn?: string;
}

/** As the deadline schedules of the system description retry (infra/cdk/triggers/schedules.ts). */
const RETRY_POLICY = { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 24 * 3600 };

/**
 * One-time schedules as EventBridge Scheduler `at()` schedules in their own group, deleted by Scheduler once
 * they have fired. The name is a hash of the key (names are at most 64 of [0-9A-Za-z-_.]), so creating the same
 * key again meets ConflictException and creates nothing: that is the idempotency. The key itself is the
 * schedule's description, for the operator who lists the group.
 */
export class SchedulerOneTimeSchedules implements OneTimeSchedules {
  constructor(
    private readonly client: SchedulerClient,
    private readonly target: OneTimeScheduleTarget,
  ) {}

  async schedule(s: OneTimeSchedule): Promise<boolean> {
    const { groupName, functionArn, roleArn, deadLetterArn } = this.target;
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: scheduleName(s.key),
          GroupName: groupName,
          Description: s.key.slice(0, 512),
          ScheduleExpression: atExpression(s.atMs, s.timeZone),
          ScheduleExpressionTimezone: s.timeZone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: functionArn,
            RoleArn: roleArn,
            Input: JSON.stringify(s.input),
            RetryPolicy: RETRY_POLICY,
            ...(deadLetterArn ? { DeadLetterConfig: { Arn: deadLetterArn } } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictException) return false;
      throw error;
    }
  }
}

/** `once-<40 hex>`: stable for a key, valid as a Scheduler name. */
export const scheduleName = (key: string): string =>
  `once-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
