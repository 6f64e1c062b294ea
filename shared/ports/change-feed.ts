import type { FeedItem, FeedStream, PlacedItem } from '#shared/domain/change-feed.ts';

/** An event to place in the feed: its item, in each of its streams. */
export interface FeedEntry {
  item: FeedItem;
  /** `all` first, then the others (streamsOfItem). */
  streams: FeedStream[];
}

/** The change feed's items in the table. */
export interface ChangeFeedStore {
  /**
   * Places the entries, in order, at the next positions of their streams. An event placed before (a batch the
   * stream delivers again) keeps its first positions and is not placed twice.
   */
  place(entries: FeedEntry[], at: string): Promise<void>;
  /** Up to `limit` items of a stream after position `after`, ascending, read strongly consistently. */
  read(stream: FeedStream, after: number, limit: number): Promise<PlacedItem[]>;
}
