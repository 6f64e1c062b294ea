import type { Logger } from '#shared/logging/logger.ts';
import type { ChangeFeedStore } from '#shared/ports/change-feed.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { EventPublisher } from '#shared/ports/event-publisher.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { type DistrictLookup, placeInFeed } from './change-feed.ts';

export interface PublishOutboxDeps {
  publisher: EventPublisher;
  feed: ChangeFeedStore;
  units: DistrictLookup;
  clock: Clock;
}

export interface OutboxRecord {
  /** The stream record's sequence number, reported back to retry from it. */
  sequenceNumber: string;
  event: OutboxEvent;
}

/**
 * Places outbox events in the change feed, then publishes them in stream order. Placing comes first so that
 * an event caused by one of these (written to the outbox by a consumer of the bus) is always placed after its
 * cause; a redelivered event keeps its first place. A placement that fails throws, and the stream retries the
 * batch. On the first refused event it stops and names its record, so the stream redelivers from there: later
 * events may then arrive twice, never zero times; consumers are idempotent.
 */
export async function publishOutbox(
  { publisher, feed, units, clock }: PublishOutboxDeps,
  records: OutboxRecord[],
  log: Logger,
): Promise<{ failedSequenceNumber?: string }> {
  const events = records.map((r) => r.event);
  await placeInFeed(feed, units, events, isoAt(clock.nowMs()));
  const failed = await publisher.publish(events);
  if (failed.length === 0) return {};
  const first = records[Math.min(...failed)]!;
  log.error('events not accepted by the bus; the stream will redeliver', {
    failedCount: failed.length,
    firstEventId: first.event.id,
    firstDetailType: first.event.detailType,
  });
  return { failedSequenceNumber: first.sequenceNumber };
}
