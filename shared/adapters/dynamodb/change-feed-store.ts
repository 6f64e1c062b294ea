import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  ALL_STREAM,
  FEED_RETENTION_DAYS,
  type FeedStream,
  type PlacedItem,
} from '#shared/domain/change-feed.ts';
import type { ChangeFeedStore, FeedEntry } from '#shared/ports/change-feed.ts';
import { FEED_POSITION_PREFIX, keys } from './keys.ts';
import { epochSeconds } from './outbox-items.ts';
import { type TransactItem, transactWrite } from './transactions.ts';

/**
 * Events placed per transaction: each takes up to two items (`all` and its unit's stream) and its outbox mark,
 * plus one head per stream, well within a transaction's 100 items.
 */
const CHUNK = 10;
/** Placements lost to a concurrent placer (another shard's invocation moved a head first) before giving up. */
const MAX_ATTEMPTS = 20;

interface Head {
  position: number;
  placedAt?: string;
}

/**
 * The feed's streams in the table (see shared/domain/change-feed.ts for why positions are dense sequences).
 * Each stream's head has no expiry: positions never start again, even after every item of a stream expired.
 * An event's outbox item records its `all` position, which is what keeps a redelivered event from being
 * placed twice (the mark and the items are one transaction).
 */
export class DynamoChangeFeedStore implements ChangeFeedStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    /** Between attempts that lost a head to another placer: full jitter, so the placers spread out. */
    private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async place(entries: FeedEntry[], at: string): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) await this.placeChunk(entries.slice(i, i + CHUNK), at);
  }

  async read(stream: FeedStream, after: number, limit: number): Promise<PlacedItem[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.feedHead(stream).pk,
          ':from': keys.feedItem(stream, after + 1).sk,
          // Every position sorts below this.
          ':to': `${FEED_POSITION_PREFIX}~`,
        },
        // Strongly consistent, so a poll right after a change sees it. What a reader may be shown does not rest
        // on it: a stale read shows fewer positions, and the reader stops at any gap (shared/domain/change-feed.ts).
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({
      position: item.position as number,
      order: item.order as number,
      placedAt: item.placedAt as string,
      ...(item.previousPlacedAt ? { previousPlacedAt: item.previousPlacedAt as string } : {}),
      item: item.item as PlacedItem['item'],
    }));
  }

  private async placeChunk(chunk: FeedEntry[], at: string): Promise<void> {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error('feed placement kept losing to concurrent placers');
      const streams = [...new Set(pending.flatMap((e) => e.streams))];
      const heads = new Map(await Promise.all(streams.map(async (s) => [s, await this.head(s)] as const)));
      const { items, markOf } = this.transaction(pending, heads, at);
      const codes = await transactWrite(this.client, items);
      if (!codes) return;
      // A failed mark: that event was placed already (a redelivery), or its outbox item is gone (purged):
      // leave it out. Any other failed condition is a head another placer moved: read the heads again.
      const done = new Set(pending.filter((_, i) => codes[markOf[i]!] === 'ConditionalCheckFailed'));
      if (done.size === 0) await this.sleep(Math.random() * Math.min(1000, 10 * 2 ** attempt));
      pending = pending.filter((e) => !done.has(e));
    }
  }

  private async head(stream: FeedStream): Promise<Head> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.feedHead(stream), ConsistentRead: true }),
    );
    return Item ? { position: Item.position as number, placedAt: Item.placedAt as string } : { position: 0 };
  }

  /** The transaction placing `entries` after `heads`: the items, each event's mark, and the heads moved. */
  private transaction(entries: FeedEntry[], heads: Map<FeedStream, Head>, at: string) {
    const items: TransactItem[] = [];
    const markOf: number[] = [];
    const moved = new Map<FeedStream, Head & { placedAt: string }>();
    for (const entry of entries) {
      let order = 0;
      // `all` comes first (FeedEntry), so every stream's item carries the event's `all` position as its order.
      for (const stream of entry.streams) {
        const previous = moved.get(stream) ?? heads.get(stream)!;
        // Times never go back within a stream (hosts' clocks differ a little): expiry follows the positions.
        const placedAt = previous.placedAt && previous.placedAt > at ? previous.placedAt : at;
        const position = previous.position + 1;
        if (stream === ALL_STREAM) order = position;
        items.push({
          Put: {
            TableName: this.table,
            Item: {
              ...keys.feedItem(stream, position),
              type: 'feed-item',
              position,
              order,
              placedAt,
              ...(previous.placedAt ? { previousPlacedAt: previous.placedAt } : {}),
              item: entry.item,
              expiresAt: epochSeconds(placedAt) + FEED_RETENTION_DAYS * 24 * 3600,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        moved.set(stream, { position, placedAt });
      }
      markOf.push(items.length);
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.outbox(entry.item.id),
          UpdateExpression: 'SET feedPosition = :order',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(feedPosition)',
          ExpressionAttributeValues: { ':order': order },
        },
      });
    }
    for (const [stream, head] of moved) {
      const seen = heads.get(stream)!.position;
      items.push({
        Put: {
          TableName: this.table,
          Item: { ...keys.feedHead(stream), type: 'feed-head', ...head },
          ...(seen === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#position = :seen',
                ExpressionAttributeNames: { '#position': 'position' },
                ExpressionAttributeValues: { ':seen': seen },
              }),
        },
      });
    }
    return { items, markOf };
  }
}
