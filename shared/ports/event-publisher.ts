import type { OutboxEvent } from './stores.ts';

export interface EventPublisher {
  /** Publishes in order; returns the indexes of the events that were not accepted. */
  publish(events: OutboxEvent[]): Promise<number[]>;
}
