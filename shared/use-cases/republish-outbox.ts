import type { ChangeFeedStore } from '#shared/ports/change-feed.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { EventPublisher } from '#shared/ports/event-publisher.ts';
import type { OutboxArchive } from '#shared/ports/outbox.ts';
import { type DistrictLookup, placeInFeed } from './change-feed.ts';

export interface RepublishDeps {
  outbox: OutboxArchive;
  publisher: EventPublisher;
  feed: ChangeFeedStore;
  units: DistrictLookup;
  clock: Clock;
}

export interface RepublishReport {
  /** Events the bus accepted again. */
  published: number;
  /** Ids of the events it refused: run the command again for their range. */
  refused: string[];
}

/**
 * Puts the outbox events of a time range on the bus again, with their original ids and times. The stream keeps
 * records 24 hours and its dead-letter queue only points at them, so this is how events it lost reach the
 * consumers; they are idempotent, so an event they already had changes nothing. As publish-events does, each
 * event is placed in the change feed first: one the stream placed keeps its place (its outbox item says so).
 */
export async function republishOutbox(
  deps: RepublishDeps,
  range: { from: string; to: string },
): Promise<RepublishReport> {
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  if (from >= to) throw new RangeError(`the range is empty: ${from} is not before ${to}`);
  const report: RepublishReport = { published: 0, refused: [] };
  for await (const events of deps.outbox.between(from, to)) {
    await placeInFeed(deps.feed, deps.units, events, isoAt(deps.clock.nowMs()));
    const failed = new Set(await deps.publisher.publish(events));
    report.published += events.length - failed.size;
    report.refused.push(...events.filter((_, i) => failed.has(i)).map((e) => e.id));
  }
  return report;
}
