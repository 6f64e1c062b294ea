import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { eventBridgeClient } from '#shared/adapters/aws-clients.ts';
import { outboxEventOf } from '#shared/adapters/dynamodb/outbox-items.ts';
import { EventBridgePublisher } from '#shared/adapters/eventbridge-publisher.ts';
import { eventBusName } from '#shared/config/config.ts';
import { once } from '#shared/lib/once.ts';
import { logger } from '#shared/logging/logger.ts';
import { type OutboxRecord, publishOutbox } from '#shared/use-cases/publish-outbox.ts';

const publisher = once(() => new EventBridgePublisher(eventBridgeClient(), eventBusName()));

/** The stream filter passes only outbox inserts; each NewImage is one stored event. */
function toOutboxRecord(record: DynamoDBStreamEvent['Records'][number]): OutboxRecord {
  const image = unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>);
  return { sequenceNumber: record.dynamodb?.SequenceNumber ?? '', event: outboxEventOf(image) };
}

export const publishEvents = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { failedSequenceNumber } = await publishOutbox(
    publisher(),
    event.Records.map(toOutboxRecord),
    logger,
  );
  return { batchItemFailures: failedSequenceNumber ? [{ itemIdentifier: failedSequenceNumber }] : [] };
};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(publishEvents);
