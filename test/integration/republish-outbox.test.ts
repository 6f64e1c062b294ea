/**
 * Republishing the outbox for a time range (npm run republish-outbox), against DynamoDB Local and the local bus:
 * the events stored in the range, and only those, reach the bus again with their original ids, times and
 * details, in the order they occurred, across a day boundary.
 */
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_SOURCE } from '#events/contract.ts';
import { LocalEventBus, serveEventBus } from '#infra/local/event-bus.ts';
import { ensureTable } from '#infra/local/provision.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '#infra/local/stand-ins/dynamodb-local.ts';
import { DynamoChangeFeedStore } from '#shared/adapters/dynamodb/change-feed-store.ts';
import { DynamoOutboxArchive } from '#shared/adapters/dynamodb/outbox-archive.ts';
import { outboxPut } from '#shared/adapters/dynamodb/outbox-items.ts';
import { transactWrite } from '#shared/adapters/dynamodb/transactions.ts';
import { DynamoUnitStore } from '#shared/adapters/dynamodb/unit-store.ts';
import { EventBridgePublisher } from '#shared/adapters/eventbridge-publisher.ts';
import { createLogger } from '#shared/logging/logger.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { placeInFeed } from '#shared/use-cases/change-feed.ts';
import { republishOutbox } from '#shared/use-cases/republish-outbox.ts';

const TABLE = 'republish-test';
const BUS = 'republish-test-bus';

let dynamo: DynamoDbLocal;
let documents: DynamoDBDocumentClient;
let bus: LocalEventBus;
let busServer: Server;
let busClient: EventBridgeClient;
const delivered = vi.fn(async (_functionName: string, _event: unknown) => undefined);

/** An event as the stores write them, at `occurredAt`. */
const event = (n: number, occurredAt: string): OutboxEvent => ({
  id: `evt-${String(n).padStart(3, '0')}`,
  source: EVENT_SOURCE,
  detailType: 'RegistrationSubmitted',
  detail: { metadata: { id: `evt-${n}`, version: 1, occurredAt, correlationId: `c-${n}` }, data: { n } },
  occurredAt,
});

// 23:59 on 21 Sep to 00:01 on 22 Sep (UTC): the range below crosses midnight.
const inRange = Array.from({ length: 130 }, (_, n) =>
  event(n, new Date(Date.parse('2023-09-21T23:59:00.000Z') + n * 1000).toISOString()),
);
const before = event(900, '2023-09-21T23:58:59.999Z');
const atEnd = event(901, '2023-09-22T00:01:10.000Z');
const dayAfter = event(902, '2023-09-23T00:00:30.000Z');

beforeAll(async () => {
  process.env.AWS_REGION = 'us-east-1';
  dynamo = await startDynamoDbLocal();
  const config = {
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const client = new DynamoDBClient(config);
  await ensureTable(client, TABLE);
  documents = DynamoDBDocumentClient.from(client);
  // Written as the stores write them: each outbox put in a transaction.
  for (const e of [dayAfter, atEnd, ...inRange.toReversed(), before]) {
    await transactWrite(documents, [outboxPut(TABLE, e)]);
  }
  bus = new LocalEventBus({
    busName: BUS,
    rules: [{ rule: 'all', pattern: { source: [EVENT_SOURCE] }, functionName: 'consumer' }],
    invoke: delivered,
    log: createLogger({}, () => undefined),
  });
  const served = await serveEventBus(bus);
  busServer = served.server;
  busClient = new EventBridgeClient({ ...config, endpoint: served.endpoint });
});

afterAll(async () => {
  await bus?.settled();
  busServer?.close();
  documents?.destroy();
  busClient?.destroy();
  await dynamo?.stop();
});

const depsOf = () => ({
  outbox: new DynamoOutboxArchive(documents, TABLE),
  publisher: new EventBridgePublisher(busClient, BUS),
  feed: new DynamoChangeFeedStore(documents, TABLE),
  units: new DynamoUnitStore(documents, TABLE),
  clock: { nowMs: () => Date.parse('2023-09-22T01:00:00Z') },
});

describe('republishOutbox', () => {
  it('puts the range’s events on the bus again, oldest first, with their ids, times and details', async () => {
    // The stream placed the first five in the feed before it lost the rest.
    await placeInFeed(depsOf().feed, depsOf().units, inRange.slice(0, 5), '2023-09-22T00:00:00.000Z');

    const report = await republishOutbox(depsOf(), {
      from: '2023-09-21T23:59:00Z',
      to: '2023-09-22T00:01:10Z',
    });
    await bus.settled();

    expect(report).toEqual({ published: inRange.length, refused: [] });
    expect(bus.published.map((e) => e.detail)).toEqual(inRange.map((e) => e.detail));
    expect(bus.published.map((e) => [e['detail-type'], e.time])).toEqual(
      inRange.map((e) => [
        'RegistrationSubmitted',
        new Date(e.occurredAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ]),
    );
    expect(delivered).toHaveBeenCalledTimes(inRange.length);
  });

  it('places in the change feed the events the stream never placed, and those it placed not again', async () => {
    const placed = await depsOf().feed.read('all', 0, 1000);

    expect(placed.map((p) => p.item.id)).toEqual(inRange.map((e) => e.id));
    expect(placed.map((p) => p.position)).toEqual(inRange.map((_, i) => i + 1));
  });

  it('refuses an empty or inverted range', async () => {
    await expect(
      republishOutbox(depsOf(), { from: '2023-09-22T00:00:00Z', to: '2023-09-21T00:00:00Z' }),
    ).rejects.toThrow(RangeError);
  });
});
