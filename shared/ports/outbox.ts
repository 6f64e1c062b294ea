import type { OutboxEvent } from './stores.ts';

/** The outbox events kept in the table, read back by when they occurred. */
export interface OutboxArchive {
  /** The events that occurred from `from` (inclusive) to `to` (exclusive), oldest first, a page at a time. */
  between(from: string, to: string): AsyncIterable<OutboxEvent[]>;
}
