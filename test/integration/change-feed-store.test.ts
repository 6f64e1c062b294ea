/**
 * The feed's placement against DynamoDB Local: placers running side by side (one per stream shard in AWS)
 * give every stream dense positions, each event once, the same order in every stream; a batch delivered again
 * is not placed twice, and an event whose outbox item is gone is not placed.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoChangeFeedStore } from '#shared/adapters/dynamodb/change-feed-store.ts';
import { keys } from '#shared/adapters/dynamodb/keys.ts';
import { outboxPut } from '#shared/adapters/dynamodb/outbox-items.ts';
import { transactWrite } from '#shared/adapters/dynamodb/transactions.ts';
import { ALL_STREAM, type FeedItem, streamsOfItem, unitStream } from '#shared/domain/change-feed.ts';
import type { FeedEntry } from '#shared/ports/change-feed.ts';
import { dynamoTableOfFile } from '../support/dynamo-table.ts';

const TABLE = 'change-feed-test';
const AT = '2023-09-01T01:00:00.000Z';

const table = dynamoTableOfFile(TABLE);
let store: DynamoChangeFeedStore;

const item = (n: number, unitId: string): FeedItem => ({
  id: `evt-${String(n).padStart(3, '0')}`,
  type: 'RegistrationSubmitted',
  time: AT,
  unitId,
  status: 'submitted',
});
const entry = (feedItem: FeedItem): FeedEntry => ({ item: feedItem, streams: streamsOfItem(feedItem) });

/** Stores each event's outbox item, as the change that raised it would have. */
async function inOutbox(items: FeedItem[]) {
  for (const i of items) {
    await transactWrite(table.documents, [
      outboxPut(TABLE, {
        id: i.id,
        source: 'bayu.registration',
        detailType: i.type,
        detail: {},
        occurredAt: AT,
      }),
    ]);
  }
}

const readAll = (stream: string) => store.read(stream, 0, 1000);

beforeAll(() => {
  store = new DynamoChangeFeedStore(table.documents, TABLE);
});

describe('DynamoChangeFeedStore.place', () => {
  it('gives dense positions, each event once, when placers run side by side and a batch comes again', async () => {
    const units = ['unit_a', 'unit_b', 'unit_c'];
    // Four shards' batches of 12 events each, spread over three units.
    const batches = Array.from({ length: 4 }, (_, b) =>
      Array.from({ length: 12 }, (_, i) => item(b * 12 + i, units[(b + i) % 3]!)),
    );
    await inOutbox(batches.flat());

    await Promise.all(batches.map((batch) => store.place(batch.map(entry), AT)));
    await Promise.all([store.place(batches[1]!.map(entry), AT), store.place(batches[2]!.map(entry), AT)]);

    const all = await readAll(ALL_STREAM);
    expect(all.map((p) => p.position)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(all.map((p) => p.item.id).toSorted()).toEqual(batches.flat().map((i) => i.id));
    // Each shard's batch keeps its order.
    for (const batch of batches) {
      const positions = batch.map((i) => all.find((p) => p.item.id === i.id)!.position);
      expect(positions).toEqual(positions.toSorted((a, b) => a - b));
    }
    for (const unitId of units) {
      const stream = await readAll(unitStream(unitId));
      expect(stream.map((p) => p.position)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      expect(stream.every((p) => p.item.unitId === unitId)).toBe(true);
      // The unit's items carry their `all` position, in the same order.
      expect(stream.map((p) => p.item.id)).toEqual(
        all.filter((p) => p.item.unitId === unitId).map((p) => p.item.id),
      );
      expect(stream.map((p) => p.order)).toEqual(
        all.filter((p) => p.item.unitId === unitId).map((p) => p.position),
      );
    }
    const { Item } = await table.documents.send(
      new GetCommand({ TableName: TABLE, Key: keys.outbox('evt-000') }),
    );
    expect(Item?.feedPosition).toBe(all.find((p) => p.item.id === 'evt-000')!.position);
  }, 60_000);

  it('records when each position was placed and when its predecessor was', async () => {
    const [first, second] = await readAll(unitStream('unit_a'));

    expect(first).not.toHaveProperty('previousPlacedAt');
    expect(second).toMatchObject({ placedAt: AT, previousPlacedAt: AT });
  });

  it('does not place an event whose outbox item is gone', async () => {
    const before = (await readAll(ALL_STREAM)).length;

    await store.place([entry(item(900, 'unit_z'))], AT);

    expect(await readAll(ALL_STREAM)).toHaveLength(before);
    expect(await readAll(unitStream('unit_z'))).toEqual([]);
  });
});
