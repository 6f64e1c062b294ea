/**
 * Outbox publishing: the EventBridge adapter (chunks of 10, per-entry failures), the use case (stop at the first
 * refused event, log without its content) and the stream handler on a realistic DynamoDB stream event.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalEventBus, serveEventBus } from '#infra/local/event-bus.ts';
import { DynamoChangeFeedStore } from '#shared/adapters/dynamodb/change-feed-store.ts';
import { DynamoUnitStore } from '#shared/adapters/dynamodb/unit-store.ts';
import { EventBridgePublisher } from '#shared/adapters/eventbridge-publisher.ts';
import { createLogger } from '#shared/logging/logger.ts';
import type { ChangeFeedStore, FeedEntry } from '#shared/ports/change-feed.ts';
import type { EventPublisher } from '#shared/ports/event-publisher.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { type OutboxRecord, publishOutbox } from '#shared/use-cases/publish-outbox.ts';

const BUS = 'bayu-test-bus';
/** Personal data that must never reach a log line, planted in event details. */
const ID_NUMBER = '500103199005170011';
const PHONE = '13912345678';

function outboxEvent(n: number): OutboxEvent {
  return {
    id: `evt-${n}`,
    source: 'bayu.registration',
    detailType: 'RegistrationSubmitted',
    detail: {
      metadata: { id: `evt-${n}`, version: 1, occurredAt: '2023-08-01T02:00:00.000Z', correlationId: 'corr' },
      data: { registrationId: `reg_${n}`, idNumber: ID_NUMBER, phone: PHONE },
    },
    occurredAt: `2023-08-01T02:00:${String(n % 60).padStart(2, '0')}.000Z`,
  };
}

const events = (count: number) => Array.from({ length: count }, (_, i) => outboxEvent(i));

type PutEntries = NonNullable<PutEventsCommand['input']['Entries']>;

/**
 * A fake EventBridge client: each PutEvents call is recorded; `failing(globalIndex)` decides which entries the
 * bus refuses, numbered across calls as the publisher sees them.
 */
function fakeEventBridge(failing: (index: number) => boolean = () => false) {
  const calls: PutEntries[] = [];
  let seen = 0;
  const send = vi.fn(async (command: PutEventsCommand): Promise<Partial<PutEventsCommandOutput>> => {
    const entries = command.input.Entries ?? [];
    calls.push(entries);
    const results = entries.map((_, i) =>
      failing(seen + i)
        ? { ErrorCode: 'InternalException', ErrorMessage: 'try again' }
        : { EventId: `id-${seen + i}` },
    );
    seen += entries.length;
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  });
  return { client: { send } as unknown as EventBridgeClient, send, calls };
}

function capturedLogger() {
  const lines: string[] = [];
  return { log: createLogger({}, (line) => lines.push(line)), lines };
}

describe('EventBridgePublisher', () => {
  it('sends each event as one PutEvents entry on the configured bus', async () => {
    const { client, send, calls } = fakeEventBridge();
    const event = outboxEvent(7);

    const failed = await new EventBridgePublisher(client, BUS).publish([event]);

    expect(failed).toEqual([]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toBeInstanceOf(PutEventsCommand);
    expect(calls[0]).toEqual([
      {
        EventBusName: BUS,
        Source: 'bayu.registration',
        DetailType: 'RegistrationSubmitted',
        Detail: JSON.stringify(event.detail),
        Time: new Date(event.occurredAt),
      },
    ]);
  });

  it('sends at most 10 entries a call, in order', async () => {
    const { client, calls } = fakeEventBridge();
    const all = events(25);

    await new EventBridgePublisher(client, BUS).publish(all);

    expect(calls.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(calls.flat().map((e) => JSON.parse(e.Detail!).metadata.id)).toEqual(all.map((e) => e.id));
  });

  it('sends exactly one call for 10 events and none for no events', async () => {
    const ten = fakeEventBridge();
    const none = fakeEventBridge();

    await new EventBridgePublisher(ten.client, BUS).publish(events(10));
    const failed = await new EventBridgePublisher(none.client, BUS).publish([]);

    expect(ten.calls.map((c) => c.length)).toEqual([10]);
    expect(none.send).not.toHaveBeenCalled();
    expect(failed).toEqual([]);
  });

  it('returns the indexes of refused entries across chunks', async () => {
    const { client } = fakeEventBridge((i) => i === 3 || i === 12 || i === 20);

    const failed = await new EventBridgePublisher(client, BUS).publish(events(21));

    expect(failed).toEqual([3, 12, 20]);
  });

  it('still sends the later chunks when a chunk has refused entries', async () => {
    const { client, calls } = fakeEventBridge((i) => i < 10);

    const failed = await new EventBridgePublisher(client, BUS).publish(events(15));

    expect(failed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(calls).toHaveLength(2);
  });
});

describe('publishOutbox', () => {
  const records = (count: number): OutboxRecord[] =>
    events(count).map((event, i) => ({ sequenceNumber: `seq-${100 + i}`, event }));
  const publisherFailing = (failed: number[]): EventPublisher & { publish: ReturnType<typeof vi.fn> } => ({
    publish: vi.fn(async () => failed),
  });
  /** A feed that records what it was asked to place, and when relative to the publisher. */
  const feedOf = (steps: string[] = []) => {
    const placed: FeedEntry[] = [];
    const feed: ChangeFeedStore = {
      place: async (entries) => {
        steps.push('place');
        placed.push(...entries);
      },
      read: async () => [],
    };
    return { feed, placed };
  };
  const deps = (publisher: EventPublisher, feed = feedOf().feed) => ({
    publisher,
    feed,
    units: { get: async () => undefined },
    clock: { nowMs: () => Date.parse('2023-09-01T01:00:00Z') },
  });

  it('places every event in the feed, in stream order, before publishing any', async () => {
    const steps: string[] = [];
    const { feed, placed } = feedOf(steps);
    const publisher: EventPublisher = {
      publish: async () => {
        steps.push('publish');
        return [];
      },
    };

    await publishOutbox(deps(publisher, feed), records(3), capturedLogger().log);

    expect(steps).toEqual(['place', 'publish']);
    expect(placed.map((e) => e.item.id)).toEqual(['evt-0', 'evt-1', 'evt-2']);
  });

  it('publishes nothing when the placement fails, so the stream retries the batch', async () => {
    const publisher = publisherFailing([]);
    const feed: ChangeFeedStore = {
      place: async () => {
        throw new Error('table unavailable');
      },
      read: async () => [],
    };

    await expect(publishOutbox(deps(publisher, feed), records(2), capturedLogger().log)).rejects.toThrow(
      'table unavailable',
    );
    expect(publisher.publish).not.toHaveBeenCalled();
  });

  it('publishes every record in stream order and reports nothing when all are accepted', async () => {
    const publisher = publisherFailing([]);
    const { log, lines } = capturedLogger();
    const input = records(3);

    const result = await publishOutbox(deps(publisher), input, log);

    expect(result).toEqual({});
    expect(publisher.publish).toHaveBeenCalledWith(input.map((r) => r.event));
    expect(lines).toEqual([]);
  });

  it('returns the sequence number of the first refused record, whatever order the indexes come in', async () => {
    const { log } = capturedLogger();

    const result = await publishOutbox(deps(publisherFailing([7, 2, 5])), records(8), log);

    expect(result).toEqual({ failedSequenceNumber: 'seq-102' });
  });

  it('returns the first refused record of a later chunk', async () => {
    const { client } = fakeEventBridge((i) => i >= 13);
    const { log } = capturedLogger();

    const result = await publishOutbox(deps(new EventBridgePublisher(client, BUS)), records(15), log);

    expect(result).toEqual({ failedSequenceNumber: 'seq-113' });
  });

  it('logs the failure with ids and counts only, never the event details', async () => {
    const { log, lines } = capturedLogger();

    await publishOutbox(deps(publisherFailing([4, 1])), records(5), log);

    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 'error',
      failedCount: 2,
      firstEventId: 'evt-1',
      firstDetailType: 'RegistrationSubmitted',
    });
    expect(lines[0]).not.toContain(ID_NUMBER);
    expect(lines[0]).not.toContain(PHONE);
    expect(lines[0]).not.toContain('reg_1');
    expect(lines[0]).not.toContain('"detail"');
  });
});

describe('publishEvents (the stream handler)', () => {
  const fixture = (): DynamoDBStreamEvent =>
    JSON.parse(readFileSync(new URL('../fixtures/dynamodb-stream-outbox.json', import.meta.url), 'utf8'));
  const savedEnv = { ...process.env };
  let bus: LocalEventBus;
  let server: Server;
  let publishEvents: (
    event: DynamoDBStreamEvent,
  ) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

  beforeAll(async () => {
    bus = new LocalEventBus({
      busName: BUS,
      rules: [],
      invoke: async () => undefined,
      log: capturedLogger().log,
    });
    const served = await serveEventBus(bus);
    server = served.server;
    // Read when the handler first builds its client, which happens after these are set.
    Object.assign(process.env, {
      EVENT_BUS_NAME: BUS,
      TABLE_NAME: 'bayu-test-table',
      AWS_ENDPOINT_URL_EVENTBRIDGE: served.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    ({ publishEvents } = await import('#functions/stream/publish-events.ts'));
  });

  beforeEach(() => {
    // The feed's table is not here: the placement (with each unit's district) is the adapter's own test
    // (test/integration/change-feed) and the portals' (test/integration/portals).
    vi.spyOn(DynamoChangeFeedStore.prototype, 'place').mockResolvedValue();
    vi.spyOn(DynamoUnitStore.prototype, 'get').mockResolvedValue(undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    bus.published.length = 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    process.env = savedEnv;
  });

  it('publishes each outbox record of the batch to the bus with its stored detail', async () => {
    const event = fixture();

    const response = await publishEvents(event);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(bus.published).toHaveLength(2);
    const [first, second] = bus.published;
    const storedDetail = (i: number) => JSON.parse(event.Records[i]!.dynamodb!.NewImage!.detail!.S!);
    expect(first).toMatchObject({
      source: 'bayu.registration',
      'detail-type': 'RegistrationSubmitted',
      time: '2023-08-01T02:00:00Z',
      detail: storedDetail(0),
    });
    expect(second).toMatchObject({
      'detail-type': 'RegistrationAmended',
      time: '2023-08-01T02:00:05Z',
      detail: storedDetail(1),
    });
  });

  it('names the first refused record by its sequence number and logs no detail', async () => {
    const event = fixture();
    const send = vi.spyOn(EventBridgeClient.prototype, 'send').mockImplementation(async () => ({
      $metadata: {},
      FailedEntryCount: 1,
      Entries: [{ EventId: 'ok' }, { ErrorCode: 'InternalException', ErrorMessage: 'try again' }],
    }));
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});

    const response = await publishEvents(event);

    expect(send).toHaveBeenCalledTimes(1);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[1]!.dynamodb!.SequenceNumber }],
    });
    const lines = logged.mock.calls.map(([line]) => String(line));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      firstEventId: '01H6M3QF2A3B4C5D6E7F8G9H0J',
      firstDetailType: 'RegistrationAmended',
    });
    expect(lines[0]).not.toContain('reg_01H6M3Q9XKZ8E4V2B7N5C1D0FA');
    expect(lines[0]).not.toContain('correlationId');
  });

  it('sends the outbox id, source, detail type and time from the stream image', async () => {
    const send = vi.spyOn(EventBridgeClient.prototype, 'send').mockImplementation(async () => ({
      $metadata: {},
      FailedEntryCount: 0,
      Entries: [{ EventId: 'a' }, { EventId: 'b' }],
    }));

    await publishEvents(fixture());

    const entries = (send.mock.calls[0]![0] as PutEventsCommand).input.Entries!;
    expect(entries.map((e) => [e.EventBusName, e.Source, e.DetailType, e.Time])).toEqual([
      [BUS, 'bayu.registration', 'RegistrationSubmitted', new Date('2023-08-01T02:00:00.000Z')],
      [BUS, 'bayu.registration', 'RegistrationAmended', new Date('2023-08-01T02:00:05.000Z')],
    ]);
    expect(JSON.parse(entries[0]!.Detail!).metadata.id).toBe('01H6M3Q9Y0S1T2U3V4W5X6Y7Z8');
  });
});
