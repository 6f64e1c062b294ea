import type { OutboxEvent } from '#shared/ports/stores.ts';
import { keys } from './keys.ts';
import type { TransactItem } from './transactions.ts';

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
