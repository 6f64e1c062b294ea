import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxArchive } from '#shared/ports/outbox.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { queryIndexPage } from './index-reads.ts';
import { INDEX_PARTITIONS, outboxDayPartition } from './keys.ts';
import { outboxEventOf } from './outbox-items.ts';

const DAY_MS = 24 * 3600 * 1000;

/** The UTC days an instant range touches, as YYYY-MM-DD. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(from.slice(0, 10)); ms <= Date.parse(to); ms += DAY_MS) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

/** Outbox items through their day partitions of the byCompetition index (sort key `occurredAt#id`). */
export class DynamoOutboxArchive implements OutboxArchive {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async *between(from: string, to: string): AsyncGenerator<OutboxEvent[]> {
    for (const day of daysBetween(from, to)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await queryIndexPage(this.client, {
          TableName: this.table,
          IndexName: INDEX_PARTITIONS.outboxDays.index,
          // `occurredAt#id` sorts after `from` when it occurred at or after it, and before `to` only earlier.
          KeyConditionExpression: 'gsi2pk = :day AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':day': outboxDayPartition(day), ':from': from, ':to': to },
          ExclusiveStartKey: startKey,
        });
        const events = page.items.map(outboxEventOf);
        if (events.length > 0) yield events;
        startKey = page.lastKey;
      } while (startKey);
    }
  }
}
