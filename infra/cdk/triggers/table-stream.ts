import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { TableStreamTrigger } from '../../system.ts';
import type { AppFunction } from '../app-function.ts';
import { DeadLetterQueue } from '../dead-letter-queue.ts';

export interface TableStreamConsumerProps {
  readonly fn: AppFunction;
  readonly trigger: TableStreamTrigger;
  readonly table: ITable;
}

/**
 * A function reading the table's stream through the spec's filters. A failing record is isolated by
 * bisecting the batch and retried; a record that keeps failing goes (as a pointer to the stream position) to
 * the on-failure queue instead of blocking its shard until the stream's 24 hours are up.
 */
export class TableStreamConsumer extends Construct {
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: TableStreamConsumerProps) {
    super(scope, id);
    const { fn, trigger, table } = props;
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      holds: `stream records for ${fn.node.id}`,
    });
    fn.function.addEventSource(
      new DynamoEventSource(table, {
        // From the oldest record kept: nothing written before the mapping existed is skipped.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: trigger.batchSize,
        filters: trigger.filters.map((pattern) => lambda.FilterCriteria.filter(pattern)),
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters.queue),
      }),
    );
  }
}
