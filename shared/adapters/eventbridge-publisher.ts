import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventPublisher } from '#shared/ports/event-publisher.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';

/** PutEvents takes at most 10 entries a call. */
const MAX_ENTRIES = 10;

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: OutboxEvent[]): Promise<number[]> {
    const failed: number[] = [];
    for (let start = 0; start < events.length; start += MAX_ENTRIES) {
      const chunk = events.slice(start, start + MAX_ENTRIES);
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: chunk.map((e) => ({
            EventBusName: this.busName,
            Source: e.source,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
            Time: new Date(e.occurredAt),
          })),
        }),
      );
      // PutEvents answers 200 even when entries fail; the per-entry results are the truth.
      if (result.FailedEntryCount) {
        (result.Entries ?? []).forEach((entry, i) => {
          if (entry.ErrorCode) failed.push(start + i);
        });
      }
    }
    return failed;
  }
}
