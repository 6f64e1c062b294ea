import type { OutboxEvent } from '#shared/ports/stores.ts';
import { keys } from './keys.ts';

/** Outbox items only need to live until the publisher has read them from the stream (24 h retention). */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** The item of an outbox event, written in the transaction of the change it reports. */
export function outboxItem(event: OutboxEvent): Record<string, unknown> {
  return {
    ...keys.outbox(event.id),
    type: 'outbox',
    source: event.source,
    detailType: event.detailType,
    detail: JSON.stringify(event.detail),
    occurredAt: event.occurredAt,
    expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_TTL_SECONDS,
  };
}
