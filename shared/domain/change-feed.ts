/**
 * The change feed (GET /v1/events): thin items, each at a position in one or more streams, and the rule that
 * decides what a reader may see.
 *
 * Why positions are sequences, not times. Events reach the feed through the outbox: a change and its event
 * are written in one transaction, and the table's stream hands the event to publish-events, one invocation
 * per shard at a time, but shards run side by side and a failed batch is retried for up to the stream's 24
 * hours. A position taken from a clock would be right only behind a visibility delay longer than the longest
 * time from taking it to the write landing, plus the skew between hosts' clocks: the whole retry window for
 * the event's or the stream record's time, and the function's timeout plus an unbounded skew even for a time
 * taken inside the invocation. Every reader would lag by that delay. So publish-events places each event, before
 * putting it on the bus, at the next position of each stream it belongs to: one transaction moves each
 * stream's head (a counter, conditioned on the value it read) and puts the items, so positions are dense
 * (1, 2, 3, ... with no number skipped or used twice) and grow in the order they are taken. An event caused by
 * another (an evaluation caused by a submission) is written to the outbox only after its cause was placed,
 * so it always sorts after it. The price is that placers take turns at each head: one placement (up to ten
 * events) at a time per stream, far above what a registration burst produces.
 *
 * Why a reader stops at a gap. A query is not isolated from a transaction being applied: it may see position
 * 8 before 7 has landed. Because positions are dense, a missing position is either still landing (and will
 * appear) or gone because it expired: a reader returns only the unbroken run after its cursor and stops at the
 * first missing position, unless the item after it says its predecessor was placed more than the retention
 * ago (`previousPlacedAt`); everything before an expired item is older, so the gap is then skipped. A reader
 * therefore never moves its cursor past an event that can still appear behind it.
 *
 * Streams: `all` (the secretariat) holds every event; each unit's stream holds the events about that unit, and
 * each district's stream the events about its units. A reader reads a set of streams with one position each,
 * merged by the `all` position; a portal reads the streams of the units and districts it acts for. Each
 * stream's own order always holds; across streams, an item held back by a gap in its own stream comes on a
 * later page, after items of other streams that were placed after it. An event in two of a reader's streams
 * (a unit a portal names, in a district it names too) is given once.
 *
 * Why district streams are placed at write time. A portal may act for every unit of a district, including
 * units created after the portal. Reading every unit's stream of the district would cost a query per unit per
 * page and grow the cursor with the district; filtering `all` would read everyone's events. So the placer looks
 * up the unit's district (no route changes a unit's district, so the one looked up is the one it keeps) and
 * places the item in that district's stream too. The item itself stays thin: the district names no person,
 * but it is a unit's attribute, read from the unit, not the event.
 */
import * as z from 'zod';
import type { Principal } from './principal.ts';
import { registrationStatuses } from './registration.ts';

/**
 * The event types the feed shows, and so the types a webhook may ask for: each has its thin fields picked in
 * shared/use-cases/change-feed.ts (which refuses to load when one here has none).
 */
export const feedEventTypes = [
  'RegistrationSubmitted',
  'RegistrationAmended',
  'RegistrationWithdrawn',
  'RegistrationRejected',
  'RegistrationCompleted',
  'RegistrationExpired',
  'EligibilityEvaluated',
  'PhotoAccepted',
  'PhotoRejected',
  'TrackClosed',
  'OverrideEnded',
  'SummaryRequested',
  'SummaryPublished',
] as const;
export type FeedEventType = (typeof feedEventTypes)[number];

/** How long the feed keeps an item after placing it. */
export const FEED_RETENTION_DAYS = 90;
const RETENTION_MS = FEED_RETENTION_DAYS * 24 * 3600 * 1000;

/**
 * What the feed shows of an event: ids and states, never a name, an ID number or a phone. A schema, so the
 * published contract (functions/lib/openapi.ts) is this very shape.
 */
export const FeedItem = z
  .object({
    id: z.string().meta({ description: "the event's id (the same on the bus and in the archive)" }),
    type: z.string().meta({ description: "the event's detail-type", examples: ['RegistrationSubmitted'] }),
    time: z.string().meta({ description: 'when the change happened' }),
    competitionId: z.string().optional(),
    registrationId: z.string().optional(),
    unitId: z.string().optional(),
    trackId: z.string().optional(),
    groupId: z.string().optional(),
    registrationVersion: z
      .number()
      .int()
      .optional()
      .meta({ description: "the registration's version after it" }),
    status: z
      .enum(registrationStatuses)
      .optional()
      .meta({ description: "the registration's status after it" }),
    eligibilityStatus: z.enum(['passed', 'failed', 'review']).optional(),
    photo: z
      .object({ contestantIndex: z.number().int(), status: z.enum(['accepted', 'rejected']) })
      .optional()
      .meta({ description: "a photo's result, and whose" }),
    summaryId: z.string().optional(),
  })
  .meta({ id: 'FeedItem' });
export type FeedItem = z.infer<typeof FeedItem>;

/** A page of the feed: oldest first, and where to read on (present even when the page is empty). */
export const FeedPage = z
  .object({
    items: z.array(FeedItem),
    next: z.string().meta({ description: 'the `after` of the next read' }),
  })
  .meta({ id: 'FeedPage' });

export type FeedStream = string;
export const ALL_STREAM: FeedStream = 'all';
export const unitStream = (unitId: string): FeedStream => `unit#${unitId}`;

export const districtStream = (district: string): FeedStream => `district#${district}`;

/** The streams an item is placed in: always `all`, and its unit's (and that unit's district's) when about one. */
export const streamsOfItem = (item: FeedItem, district?: string): FeedStream[] =>
  item.unitId
    ? [ALL_STREAM, unitStream(item.unitId), ...(district ? [districtStream(district)] : [])]
    : [ALL_STREAM];

/** The streams a caller reads: the secretariat every event, a unit its own, a portal its units' and districts'. */
export function feedStreamsOf(principal: Principal): FeedStream[] {
  if (principal.role === 'secretariat') return [ALL_STREAM];
  if (principal.role === 'unit') return [unitStream(principal.unitId)];
  return [...principal.unitIds.map(unitStream), ...principal.districts.map(districtStream)];
}

/** An item as stored at one position of one stream. */
export interface PlacedItem {
  /** Its position in this stream: dense, from 1. */
  position: number;
  /** Its position in `all`: the order of items across streams. */
  order: number;
  placedAt: string;
  /** When the item at `position - 1` of this stream was placed (absent at position 1). */
  previousPlacedAt?: string;
  item: FeedItem;
}

/** A reader's place in each stream it reads: the last position it has been given (0 before the first). */
export type FeedCursor = Record<FeedStream, number>;

const expired = (placedAt: string, nowMs: number) => Date.parse(placedAt) + RETENTION_MS <= nowMs;

interface RunElement {
  placed: PlacedItem;
  expired: boolean;
}

/**
 * The unbroken run of a stream after `after` (items in ascending position): it ends at the first missing
 * position whose predecessor is not known to have expired, since that position may still land.
 */
function visibleRun(after: number, stored: PlacedItem[], nowMs: number): RunElement[] {
  const run: RunElement[] = [];
  let through = after;
  for (const placed of stored) {
    if (placed.position <= through) continue;
    const gap = placed.position !== through + 1;
    if (gap && !(placed.previousPlacedAt && expired(placed.previousPlacedAt, nowMs))) break;
    run.push({ placed, expired: expired(placed.placedAt, nowMs) });
    through = placed.position;
  }
  return run;
}

/**
 * One page of the feed from what each stream holds after the cursor's position (ascending, at least `limit`
 * items each when there are that many): the visible items of all streams, oldest first by their `all`
 * position, at most `limit`; and the cursor after them, which stays where it was in a stream with nothing new.
 */
export function feedPage(
  cursor: FeedCursor,
  stored: Map<FeedStream, PlacedItem[]>,
  limit: number,
  nowMs: number,
): { items: FeedItem[]; next: FeedCursor } {
  const runs = [...stored].map(([stream, items]) => ({
    stream,
    run: visibleRun(cursor[stream] ?? 0, items, nowMs),
  }));
  // An event's `all` position is its identity across streams: one in two of the reader's streams is given once.
  const byOrder = new Map(
    runs.flatMap(({ run }) => run.filter((e) => !e.expired).map((e) => [e.placed.order, e.placed] as const)),
  );
  const taken = [...byOrder.values()].sort((a, b) => a.order - b.order).slice(0, limit);
  const takenOrders = new Set(taken.map((p) => p.order));
  const next: FeedCursor = {};
  for (const { stream, run } of runs) {
    let through = cursor[stream] ?? 0;
    // The cursor moves over what was given and over expired items, up to the first item left for later.
    for (const e of run) {
      if (!e.expired && !takenOrders.has(e.placed.order)) break;
      through = e.placed.position;
    }
    next[stream] = through;
  }
  return { items: taken.map((p) => p.item), next };
}
