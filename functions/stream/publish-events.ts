import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaFunction } from '#functions/lib/event.ts';
import { outboxEventOf } from '#shared/adapters/dynamodb/outbox-items.ts';
import { publishOutboxDeps } from '#shared/composition.ts';
import { logger } from '#shared/logging/logger.ts';
import { type OutboxRecord, publishOutbox } from '#shared/use-cases/publish-outbox.ts';

/** The stream filter passes only outbox inserts; each NewImage is one stored event. */
function toOutboxRecord(record: DynamoDBStreamEvent['Records'][number]): OutboxRecord {
  const image = unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>);
  return { sequenceNumber: record.dynamodb?.SequenceNumber ?? '', event: outboxEventOf(image) };
}

export const publishEvents = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { failedSequenceNumber } = await publishOutbox(
    publishOutboxDeps(),
    event.Records.map(toOutboxRecord),
    logger,
  );
  return { batchItemFailures: failedSequenceNumber ? [{ itemIdentifier: failedSequenceNumber }] : [] };
};

export const handler = lambdaFunction((event: DynamoDBStreamEvent) => event, publishEvents);
