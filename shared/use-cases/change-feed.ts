import type * as z from 'zod';
import type { DetailOf, EventContract } from '#events/contract.ts';
import { OverrideEnded, RegistrationExpired, TrackClosed } from '#events/deadline-events.ts';
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { PhotoAccepted, PhotoRejected } from '#events/photo-events.ts';
import {
  RegistrationAmended,
  RegistrationCompleted,
  type RegistrationRef,
  RegistrationRejected,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { SummaryPublished, SummaryRequested } from '#events/summary-events.ts';
import {
  type FeedCursor,
  type FeedEventType,
  type FeedItem,
  type FeedStream,
  feedEventTypes,
  feedPage,
  feedStreamsOf,
  streamsOfItem,
} from '#shared/domain/change-feed.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { RegistrationStatus } from '#shared/domain/registration.ts';
import type { ChangeFeedStore } from '#shared/ports/change-feed.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { OutboxEvent, UnitStore } from '#shared/ports/stores.ts';

export interface ChangeFeedDeps {
  feed: ChangeFeedStore;
  clock: Clock;
}

/** What placing reads of a unit: its district, for the district's stream (shared/domain/change-feed.ts). */
export type DistrictLookup = Pick<UnitStore, 'get'>;

type Ref = z.infer<typeof RegistrationRef>;
type Thin = Omit<FeedItem, 'id' | 'type' | 'time'>;

/** The ids of a registration event, by name: only these leave through the feed. */
const refFields = (r: Ref): Thin => ({
  competitionId: r.competitionId,
  registrationId: r.registrationId,
  unitId: r.unitId,
  trackId: r.trackId,
  groupId: r.groupId,
  registrationVersion: r.registrationVersion,
});

/** What a registration event leaves the entry's status at. */
const statusAfter = (status: RegistrationStatus) => (r: Ref) => ({ ...refFields(r), status });

/** An event type's thin fields, picked from its detail as the contract reads it (nothing when it does not read). */
const thin = <C extends EventContract<FeedEventType, z.ZodType>>(
  contract: C,
  pick: (data: DetailOf<C>['data']) => Thin,
) =>
  [
    contract.detailType,
    (detail: unknown): Thin => {
      const parsed = contract.detailSchema.safeParse(detail);
      return parsed.success ? pick((parsed.data as DetailOf<C>).data) : {};
    },
  ] as const;

/**
 * Each event type's thin fields, picked by name: a field added to an event later reaches the feed only when
 * it is named here, so personal data cannot slip through.
 */
const thinFields = new Map<FeedEventType, (detail: unknown) => Thin>([
  thin(RegistrationSubmitted, statusAfter('submitted')),
  // An amendment sends the entry through the checks again.
  thin(RegistrationAmended, statusAfter('submitted')),
  thin(RegistrationWithdrawn, statusAfter('withdrawn')),
  thin(RegistrationRejected, statusAfter('rejected')),
  thin(RegistrationCompleted, statusAfter('complete')),
  thin(RegistrationExpired, statusAfter('expired')),
  thin(EligibilityEvaluated, (d) => ({ ...refFields(d), eligibilityStatus: d.status })),
  thin(PhotoAccepted, (d) => ({
    ...refFields(d),
    photo: { contestantIndex: d.contestantIndex, status: 'accepted' },
  })),
  thin(PhotoRejected, (d) => ({
    ...refFields(d),
    photo: { contestantIndex: d.contestantIndex, status: 'rejected' },
  })),
  thin(TrackClosed, (d) => ({ competitionId: d.competitionId, trackId: d.trackId })),
  thin(OverrideEnded, (d) => ({ competitionId: d.competitionId, trackId: d.trackId, unitId: d.unitId })),
  thin(SummaryRequested, (d) => ({ competitionId: d.competitionId, summaryId: d.summaryId })),
  thin(SummaryPublished, (d) => ({ competitionId: d.competitionId, summaryId: d.summaryId })),
]);

// The domain's list and this map name the same types: the map's key type holds one way, this the other.
for (const type of feedEventTypes) if (!thinFields.has(type)) throw new Error(`no thin fields for ${type}`);

/** The feed's item for an event: its id, type and time, and the ids and states its type names. */
export function feedItemOf(event: OutboxEvent): FeedItem {
  return {
    id: event.id,
    type: event.detailType,
    time: event.occurredAt,
    ...thinFields.get(event.detailType as FeedEventType)?.(event.detail),
  };
}

/** The streams each item belongs to; each unit named is read once, for its district. */
export async function streamsOfItems(units: DistrictLookup, items: FeedItem[]): Promise<FeedStream[][]> {
  const unitIds = [...new Set(items.flatMap((i) => (i.unitId ? [i.unitId] : [])))];
  const districts = new Map(
    await Promise.all(unitIds.map(async (id) => [id, (await units.get(id))?.district] as const)),
  );
  return items.map((item) => streamsOfItem(item, item.unitId && districts.get(item.unitId)));
}

/** Places the events (in stream order) in the feed, before they go on the bus: see shared/domain/change-feed.ts. */
export async function placeInFeed(
  feed: ChangeFeedStore,
  units: DistrictLookup,
  events: OutboxEvent[],
  at: string,
): Promise<void> {
  const items = events.map(feedItemOf);
  const streams = await streamsOfItems(units, items);
  await feed.place(
    items.map((item, i) => ({ item, streams: streams[i]! })),
    at,
  );
}

/** A page of the events the caller may see after `cursor` (from the oldest kept without one), and the next cursor. */
export async function readFeed(
  deps: ChangeFeedDeps,
  principal: Principal,
  cursor: FeedCursor,
  limit: number,
): Promise<{ items: FeedItem[]; next: FeedCursor }> {
  const streams = feedStreamsOf(principal);
  const stored = new Map(
    await Promise.all(streams.map(async (s) => [s, await deps.feed.read(s, cursor[s] ?? 0, limit)] as const)),
  );
  return feedPage(cursor, stored, limit, deps.clock.nowMs());
}
