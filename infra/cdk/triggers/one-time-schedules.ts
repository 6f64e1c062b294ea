import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { ENV } from '#shared/config/env-names.ts';
import type { FunctionSpec } from '../../system.ts';
import type { AppFunction } from '../app-function.ts';
import type { DeadLetterQueue } from '../dead-letter-queue.ts';

export interface OneTimeSchedulesProps {
  /** The function the schedules invoke. */
  readonly target: AppFunction;
  /** Where Scheduler sends an invocation that failed every retry: the target's own dead-letter queue. */
  readonly deadLetters: DeadLetterQueue;
}

/**
 * The schedules functions create at run time to invoke `target` once (the ends of overrides): their own group,
 * so that a creator's grant reaches no schedule of the system description, and the role Scheduler assumes for
 * them, which may invoke the target and send to its dead-letter queue and nothing else.
 */
export class OneTimeSchedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: OneTimeSchedulesProps,
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    this.group = new scheduler.ScheduleGroup(this, 'Group');
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Lets EventBridge Scheduler invoke ${props.target.node.id} from one-time schedules`,
    });
    // The unqualified ARN only: the schedules name no version or alias.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.target.function.functionArn],
      }),
    );
    props.deadLetters.queue.grantSendMessages(this.role);
  }

  /**
   * Lets `creator` create schedules in the group (not update or delete them, nor touch another group) and pass
   * this role to Scheduler (no other role, to no other service), and tells it the names it needs.
   */
  grantCreate(creator: AppFunction): void {
    const schedules = Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
    });
    const grantee = creator.function;
    iam.Grant.addToPrincipal({ grantee, actions: ['scheduler:CreateSchedule'], resourceArns: [schedules] });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['iam:PassRole'],
      resourceArns: [this.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    creator.addEnvironment(ENV.oneTimeScheduleGroup, this.group.scheduleGroupName);
    creator.addEnvironment(ENV.oneTimeScheduleTargetArn, this.props.target.function.functionArn);
    creator.addEnvironment(ENV.oneTimeScheduleRoleArn, this.role.roleArn);
    creator.addEnvironment(ENV.oneTimeScheduleDeadLetterArn, this.props.deadLetters.queue.queueArn);
  }
}

/**
 * The one-time schedules of every function the specs' `access.oneTimeSchedules` name as a target (built in the
 * target, once), each creator granted on them. A target needs a dead-letter queue, i.e. schedules or rules.
 */
export function wireOneTimeSchedules(
  specs: readonly FunctionSpec[],
  functions: ReadonlyMap<string, AppFunction>,
  deadLettersOf: ReadonlyMap<string, DeadLetterQueue>,
): Map<string, OneTimeSchedules> {
  const byTarget = new Map<string, OneTimeSchedules>();
  for (const spec of specs) {
    const targetName = spec.access.oneTimeSchedules?.invokes;
    const creator = functions.get(spec.name);
    if (!targetName || !creator) continue;
    const target = functions.get(targetName);
    const deadLetters = deadLettersOf.get(targetName);
    if (!target || !deadLetters) {
      throw new Error(`${spec.name} schedules ${targetName}, which is no function with a dead-letter queue`);
    }
    const made =
      byTarget.get(targetName) ?? new OneTimeSchedules(target, 'OneTimeSchedules', { target, deadLetters });
    byTarget.set(targetName, made);
    made.grantCreate(creator);
  }
  return byTarget;
}
