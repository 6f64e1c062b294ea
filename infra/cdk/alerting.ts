import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';
import * as z from 'zod';
import type { AppFunction } from './app-function.ts';

/** cdk.json context (or `-c alertEmails=a@x,b@y`): who is woken by an alarm, comma-separated. */
export const ALERT_EMAILS_CONTEXT = 'alertEmails';

const FIVE_MINUTES = Duration.minutes(5);

/*
 * SES reviews an account at a 5% bounce rate or a 0.1% complaint rate and may pause its sending at 10% and
 * 0.5%; the alarms fire at half the review thresholds, while there is still time to find the bad addresses.
 */
const SES_BOUNCE_RATE = 0.025;
const SES_COMPLAINT_RATE = 0.0005;
/** The stream keeps records 24 hours; an outbox event this late is a publisher that is stuck, not slow. */
const ITERATOR_AGE_MS = 15 * 60 * 1000;
/** Share of the API's answers that may be 5xx in five minutes before someone looks. */
const API_5XX_PERCENT = 5;

/** The deployment's alert addresses, validated: a typo would otherwise only show as a silent alarm. */
export function alertEmails(scope: IConstruct): string[] {
  const configured = String(scope.node.tryGetContext(ALERT_EMAILS_CONTEXT) ?? '');
  const addresses = configured
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  for (const address of addresses) {
    if (!z.email().safeParse(address).success) {
      throw new Error(
        `context ${ALERT_EMAILS_CONTEXT} holds a value that is not an email address: ${address}`,
      );
    }
  }
  return addresses;
}

/**
 * The one alerting topic of the system, mailing the secretariat's and operators' addresses, and the alarms that
 * are not tied to a single construct: per function errors and throttles, the stream's iterator age, SES
 * reputation and the API's 5xx rate. `notifyEveryAlarm` then gives every alarm in the stack (the dead-letter
 * queues' included) the topic as its alarm and OK action, so none can be added that wakes no one.
 */
export class Alerting extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // CloudWatch can publish to an encrypted topic only under a customer managed key that lets it.
    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the alerting topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Bayu registration alerts',
      masterKey: key,
      enforceSSL: true,
    });
    for (const address of alertEmails(this)) this.topic.addSubscription(new EmailSubscription(address));
  }

  /** Unhandled errors and throttles of one function, each alarming on the first occurrence. */
  watchFunction(fn: AppFunction): void {
    const name = fn.node.id;
    this.atLeastOnce(fn, 'ErrorsAlarm', fn.function.metricErrors({ period: FIVE_MINUTES }), `${name} failed`);
    this.atLeastOnce(
      fn,
      'ThrottlesAlarm',
      fn.function.metricThrottles({ period: FIVE_MINUTES }),
      `${name} was throttled`,
    );
  }

  /** The stream consumer falling behind: past 24 hours its outbox records are gone from the stream. */
  watchStream(fn: AppFunction): void {
    new cloudwatch.Alarm(fn, 'IteratorAgeAlarm', {
      alarmDescription:
        `${fn.node.id} is more than ${ITERATOR_AGE_MS / 60_000} minutes behind the table stream; records ` +
        'older than 24 hours are lost to the stream (npm run republish-outbox puts them on the bus again)',
      metric: fn.function.metric('IteratorAge', {
        period: FIVE_MINUTES,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: ITERATOR_AGE_MS,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** The account's SES reputation (account-wide metrics, published while SES is the transport). */
  watchMail(): void {
    const rate = (id: string, metricName: string, threshold: number, what: string) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `SES ${what} rate at or above ${threshold * 100}% (half the rate at which SES reviews the account)`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName,
          period: Duration.hours(1),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    rate('SesBounceRateAlarm', 'Reputation.BounceRate', SES_BOUNCE_RATE, 'bounce');
    rate('SesComplaintRateAlarm', 'Reputation.ComplaintRate', SES_COMPLAINT_RATE, 'complaint');
  }

  /** The share of the API's answers that are 5xx (metric math over the HTTP API's own metrics). */
  watchApi(api: HttpApi): void {
    new cloudwatch.Alarm(this, 'Api5xxRateAlarm', {
      alarmDescription: `At least ${API_5XX_PERCENT}% of the API's answers in five minutes were 5xx`,
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: api.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
          requests: api.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        },
        label: '5xx %',
        period: FIVE_MINUTES,
      }),
      threshold: API_5XX_PERCENT,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Every alarm under `scope` notifies the topic when it fires and when it clears. */
  notifyEveryAlarm(scope: IConstruct): void {
    const action = new SnsAction(this.topic);
    for (const construct of scope.node.findAll()) {
      if (construct instanceof cloudwatch.Alarm) {
        construct.addAlarmAction(action);
        construct.addOkAction(action);
      }
    }
  }

  private atLeastOnce(scope: Construct, id: string, metric: cloudwatch.IMetric, what: string): void {
    new cloudwatch.Alarm(scope, id, {
      alarmDescription: `${what} at least once in five minutes`,
      metric,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
