import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV } from '#shared/config/env-names.ts';
import { type EventTrigger, type FunctionSpec, functions, type ScheduleTrigger } from '../system.ts';
import { applyAccess } from './access.ts';
import { Alerting } from './alerting.ts';
import { AppFunction } from './app-function.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { MailSender } from './mail-sender.ts';
import { rateLimitEnvironment } from './rate-limit-settings.ts';
import { EventRules } from './triggers/event-rules.ts';
import { AppHttpApi } from './triggers/http-api.ts';
import { type OneTimeSchedules, wireOneTimeSchedules } from './triggers/one-time-schedules.ts';
import { Schedules } from './triggers/schedules.ts';
import { TableStreamConsumer } from './triggers/table-stream.ts';

export interface StatelessStackProps extends StackProps {
  readonly table: ITable;
  /** The app bucket (photos, summaries); functions reach only the prefixes their `access.bucket` names. */
  readonly bucket: IBucket;
  readonly bus: IEventBus;
  readonly idHashKey: ISecret;
  readonly cursorKey: ISecret;
  readonly webhookKey: ISecret;
  /** The key of the table and the secret. */
  readonly key: IKey;
  /** The system description; tests pass variants of it. */
  readonly specs?: readonly FunctionSpec[];
}

/**
 * Everything that can be deleted and deployed again without losing data: the functions of the system
 * description, their grants, and what triggers them (HTTP routes, event rules, the table's stream).
 */
export class StatelessStack extends Stack {
  readonly specs: readonly FunctionSpec[];
  readonly httpApi: AppHttpApi;
  readonly alerting: Alerting;
  /** The functions by spec name. */
  readonly functions = new Map<string, AppFunction>();
  /** The run-time schedules' group and role, by the spec name of the function they invoke. */
  readonly oneTimeSchedules: Map<string, OneTimeSchedules>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, bus, idHashKey, cursorKey, webhookKey, key, bucket } = props;
    this.specs = props.specs ?? functions;
    this.httpApi = new AppHttpApi(this, 'Http');
    const mail = this.specs.some((spec) => spec.access.mail) ? new MailSender(this, 'Mail') : undefined;
    this.alerting = new Alerting(this, 'Alerting');
    if (mail) this.alerting.watchMail();
    this.alerting.watchApi(this.httpApi.api);
    const deadLettersOf = new Map<string, DeadLetterQueue>();

    for (const spec of this.specs) {
      const fn = new AppFunction(this, toConstructId(spec.name), { spec });
      this.functions.set(spec.name, fn);
      applyAccess(fn, spec.access, {
        table,
        key,
        bus,
        idHashKey,
        cursorKey,
        webhookKey,
        bucket,
        apiUrl: this.httpApi.url,
        ...(mail ? { mail } : {}),
      });
      if (spec.triggers.some((trigger) => trigger.kind === 'http')) {
        for (const [name, value] of Object.entries(rateLimitEnvironment(this)))
          fn.addEnvironment(name, value);
      }
      this.alerting.watchFunction(fn);

      const eventTriggers: EventTrigger[] = [];
      const scheduleTriggers: ScheduleTrigger[] = [];
      spec.triggers.forEach((trigger, index) => {
        if (trigger.kind === 'http') this.httpApi.addRoute(fn, trigger);
        if (trigger.kind === 'event') eventTriggers.push(trigger);
        if (trigger.kind === 'schedule') scheduleTriggers.push(trigger);
        if (trigger.kind === 'table-stream') {
          new TableStreamConsumer(fn, `Stream${index}`, { fn, trigger, table });
          this.alerting.watchStream(fn);
        }
      });
      const rules =
        eventTriggers.length > 0
          ? new EventRules(fn, 'Events', { fn, triggers: eventTriggers, bus })
          : undefined;
      const schedules =
        scheduleTriggers.length > 0
          ? new Schedules(fn, 'Schedules', {
              fn,
              triggers: scheduleTriggers,
              ...(rules ? { deadLetters: rules.deadLetters } : {}),
            })
          : undefined;
      const deadLetters = schedules?.deadLetters ?? rules?.deadLetters;
      if (deadLetters) deadLettersOf.set(spec.name, deadLetters);
    }
    this.oneTimeSchedules = wireOneTimeSchedules(this.specs, this.functions, deadLettersOf);
    this.letCountDeadLetters();

    // Last, so that every alarm above (the dead-letter queues' too) wakes someone.
    this.alerting.notifyEveryAlarm(this);

    new CfnOutput(this, 'AlertTopicArn', {
      value: this.alerting.topic.topicArn,
      description: 'Where every alarm goes; subscribe more addresses here or with -c alertEmails=',
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.httpApi.url,
      description: 'Base URL of the registration API',
    });
  }

  /** Once every queue exists: the functions that count dead letters get each queue's URL and its count only. */
  private letCountDeadLetters(): void {
    const queues = this.node.findAll().filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue);
    const named = Stack.of(this).toJsonString(queues.map((q) => ({ queue: q.holds, url: q.queue.queueUrl })));
    for (const spec of this.specs.filter((s) => s.access.deadLetters)) {
      const fn = this.functions.get(spec.name)!;
      fn.addEnvironment(ENV.deadLetterQueues, named);
      for (const q of queues) q.queue.grant(fn.role, 'sqs:GetQueueAttributes');
    }
  }
}

/** `competitions-api` → `CompetitionsApi`: readable logical ids. */
function toConstructId(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}
