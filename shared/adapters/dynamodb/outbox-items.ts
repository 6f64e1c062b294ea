import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { deflateJson, inflateJson } from './deflated-json.ts';
import { keys, outboxIndexKeys, PARTITIONS } from './keys.ts';
import { type TransactItem, transactWrite } from './transactions.ts';

/**
 * The stream hands outbox items to the publisher within its 24 hours, but a batch it gave up on is only a
 * pointer in the stream's dead-letter queue, which SQS keeps 14 days: the items outlive that, so whatever the
 * queue still names can be put on the bus again (npm run republish-outbox).
 */
const OUTBOX_TTL_SECONDS = 15 * 24 * 3600;

/**
 * An event's detail is stored deflated (base64, a string as the stream hands it on unchanged): an evaluation's
 * findings make its JSON about 1 KB, so a plain outbox item takes two write units, twice in its transaction,
 * and a deflated one takes one. Items written before hold the JSON in `detail`, and still read.
 */
const DEFLATED_DETAIL = 'detailDeflated';

function detailOf(item: Record<string, unknown>): unknown {
  const deflated = item[DEFLATED_DETAIL];
  if (typeof deflated === 'string') return inflateJson(deflated);
  return JSON.parse(item.detail as string);
}

export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The put of an event into the outbox, to go into the transaction of the change it reports. */
export function outboxPut(table: string, event: OutboxEvent): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.outbox(event.id),
        ...outboxIndexKeys(event),
        type: 'outbox',
        source: event.source,
        detailType: event.detailType,
        [DEFLATED_DETAIL]: deflateJson(event.detail),
        occurredAt: event.occurredAt,
        expiresAt: epochSeconds(event.occurredAt) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The event an outbox item holds (as stored, or as a stream record's new image), with its original id. */
export function outboxEventOf(item: Record<string, unknown>): OutboxEvent {
  return {
    id: String(item.pk).slice(PARTITIONS.outbox.length),
    source: item.source as string,
    detailType: item.detailType as string,
    detail: detailOf(item),
    occurredAt: item.occurredAt as string,
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
