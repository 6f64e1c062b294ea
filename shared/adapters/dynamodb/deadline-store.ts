import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadlineOverride, DeadlineStore, OverrideEnd, TrackClosure } from '#shared/ports/deadlines.ts';
import type { OutboxEvent, Page } from '#shared/ports/stores.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryIndexPage } from './index-reads.ts';
import { keys, overrideIndexKeys, stripStorage } from './keys.ts';
import { putWithEvent } from './outbox-items.ts';
import { queryPartition } from './partition.ts';

export class DynamoDeadlineStore implements DeadlineStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async recordClosure(closure: TrackClosure, event: OutboxEvent): Promise<boolean> {
    return putWithEvent(
      this.client,
      {
        TableName: this.table,
        Item: { ...keys.closure(closure.competitionId, closure.trackId), type: 'closure', ...closure },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      event,
      'closure transaction',
    );
  }

  async recordOverrideEnd(end: OverrideEnd, event: OutboxEvent): Promise<boolean> {
    return putWithEvent(
      this.client,
      {
        TableName: this.table,
        Item: { ...keys.overrideEnd(end), type: 'override-end', ...end },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      event,
      'override end transaction',
    );
  }

  async grantOverride(override: DeadlineOverride): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.override(override), ...overrideIndexKeys(override), type: 'override', ...override },
      }),
    );
  }

  async overridesFor(competitionId: string, trackId: string, unitId: string): Promise<DeadlineOverride[]> {
    const items = await queryPartition(
      this.client,
      this.table,
      keys.overrides(competitionId, trackId, unitId).pk,
    );
    return items.map((i) => stripStorage<DeadlineOverride>(i));
  }

  async listOverrides(
    competitionId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<DeadlineOverride>> {
    const page = await queryIndexPage(this.client, {
      TableName: this.table,
      IndexName: 'byCompetition',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': overrideIndexKeys({ competitionId, trackId: '', unitId: '', grantedAt: '' }).gsi2pk,
      },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    });
    const next = encodeCursor(page.lastKey);
    return {
      items: page.items.map((i) => stripStorage<DeadlineOverride>(i)),
      ...(next ? { cursor: next } : {}),
    };
  }
}
