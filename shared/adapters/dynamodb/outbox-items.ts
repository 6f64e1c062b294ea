import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { keys } from './keys.ts';
import { type TransactItem, transactWrite } from './transactions.ts';

/** Outbox items only need to live until the publisher has read them from the stream (24 h retention). */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The put of an event into the outbox, to go into the transaction of the change it reports. */
export function outboxPut(table: string, event: OutboxEvent): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.outbox(event.id),
        type: 'outbox',
        source: event.source,
        detailType: event.detailType,
        detail: JSON.stringify(event.detail),
        occurredAt: event.occurredAt,
        expiresAt: epochSeconds(event.occurredAt) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Writes one item, guarded by its condition, and the event reporting it (if any) in one transaction: true when
 * written, false when the item's condition did not hold. Any other cancellation is a fault, named by `what`.
 */
export async function putWithEvent(
  client: DynamoDBDocumentClient,
  put: NonNullable<TransactItem['Put']>,
  event: OutboxEvent | undefined,
  what: string,
): Promise<boolean> {
  const failed = await transactWrite(client, [
    { Put: put },
    ...(event ? [outboxPut(put.TableName as string, event)] : []),
  ]);
  if (!failed) return true;
  if (failed[0] === 'ConditionalCheckFailed') return false;
  throw new Error(`${what} cancelled: ${failed.join(',')}`);
}
