import type { Logger } from '#shared/logging/logger.ts';
import type { EventPublisher } from '#shared/ports/event-publisher.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';

export interface OutboxRecord {
  /** The stream record's sequence number, reported back to retry from it. */
  sequenceNumber: string;
  event: OutboxEvent;
}

/**
 * Publishes outbox events in stream order. On the first refused event it stops and names its record, so the
 * stream redelivers from there: later events may then arrive twice, never zero times; consumers are idempotent.
 */
export async function publishOutbox(
  publisher: EventPublisher,
  records: OutboxRecord[],
  log: Logger,
): Promise<{ failedSequenceNumber?: string }> {
  const failed = await publisher.publish(records.map((r) => r.event));
  if (failed.length === 0) return {};
  const first = records[Math.min(...failed)]!;
  log.error('events not accepted by the bus; the stream will redeliver', {
    failedCount: failed.length,
    firstEventId: first.event.id,
    firstDetailType: first.event.detailType,
  });
  return { failedSequenceNumber: first.sequenceNumber };
}
