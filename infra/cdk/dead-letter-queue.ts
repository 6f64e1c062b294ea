import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What ends up here, for the alarm's description. */
  readonly holds: string;
}

/**
 * Where events and stream records go after their retries are spent, with an alarm as soon as one arrives: a
 * message here is a registration change that some consumer has not processed.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  /** What ends up here (the props' `holds`). */
  readonly holds: string;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.holds = props.holds;
    this.queue = new sqs.Queue(this, 'Queue', {
      // SQS-managed keys: EventBridge and Lambda can send to the queue without a key policy of ours.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: time to find the fault and redrive.
      retentionPeriod: Duration.days(14),
    });
    this.alarm = new cloudwatch.Alarm(this, 'NotEmpty', {
      alarmDescription: `Messages waiting in the dead-letter queue of ${props.holds}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
