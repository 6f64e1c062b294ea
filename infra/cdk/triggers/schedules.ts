import { Duration, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduleTrigger } from '../../system.ts';
import type { AppFunction } from '../app-function.ts';
import { DeadLetterQueue } from '../dead-letter-queue.ts';

/** A deadline reminder an hour late is still useful; after a day it is better in the dead-letter queue. */
const MAX_EVENT_AGE = Duration.hours(24);
const MAX_ASYNC_EVENT_AGE = Duration.hours(6);

export interface SchedulesProps {
  readonly fn: AppFunction;
  readonly triggers: ScheduleTrigger[];
  /** The function's dead-letter queue when its event rules made one (a function has one async config). */
  readonly deadLetters?: DeadLetterQueue;
}

/**
 * A function's EventBridge Scheduler schedules, in their own group so that the schedule names of the system
 * description are the schedules' names. Scheduler invokes with its own role (lambda:InvokeFunction on this
 * function only), retries, and sends what it cannot deliver to the dead-letter queue; failures inside the
 * asynchronous invocation land there too, after Lambda's own retries.
 */
export class Schedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly deadLetters: DeadLetterQueue;
  readonly schedules: scheduler.Schedule[];

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { fn, triggers } = props;
    this.deadLetters =
      props.deadLetters ?? new DeadLetterQueue(this, 'DeadLetters', { holds: `schedules of ${fn.node.id}` });
    if (!props.deadLetters) {
      fn.function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: MAX_ASYNC_EVENT_AGE,
        onFailure: new SqsDestination(this.deadLetters.queue),
      });
    }
    this.group = new scheduler.ScheduleGroup(this, 'Group');
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: `Lets EventBridge Scheduler invoke ${fn.node.id}`,
    });

    this.schedules = triggers.map(
      (trigger) =>
        new scheduler.Schedule(this, trigger.schedule, {
          scheduleName: trigger.schedule,
          scheduleGroup: this.group,
          description: `${trigger.schedule}: invokes ${fn.node.id}`,
          schedule: scheduler.ScheduleExpression.expression(
            trigger.expression,
            TimeZone.of(trigger.timeZone),
          ),
          timeWindow: scheduler.TimeWindow.off(),
          ...(trigger.endsAt ? { end: new Date(trigger.endsAt) } : {}),
          target: new targets.LambdaInvoke(fn.function, {
            input: scheduler.ScheduleTargetInput.fromObject(trigger.input),
            role,
            deadLetterQueue: this.deadLetters.queue,
            retryAttempts: 8,
            maxEventAge: MAX_EVENT_AGE,
          }),
        }),
    );
  }
}
