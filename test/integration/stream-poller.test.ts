/**
 * The local event-source mapping against DynamoDB Local's real stream: filtering, the Lambda record shape,
 * retries (thrown errors and batchItemFailures), dead letters, and resuming from a checkpoint file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureTable } from '#infra/local/provision.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '#infra/local/stand-ins/dynamodb-local.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { outboxStreamFilter } from '#shared/adapters/dynamodb/outbox-stream-filter.ts';
import { createLogger } from '#shared/logging/logger.ts';
import { eventually } from '../support/local-api.ts';

const FUNCTION = 'publish-events';
const ATTEMPTS = 3;

let dynamo: DynamoDbLocal;
let client: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let tempDir: string;
let tableCounter = 0;
const pollers: StreamPoller[] = [];

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  const config = {
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
  client = new DynamoDBClient(config);
  streams = new DynamoDBStreamsClient(config);
  tempDir = await mkdtemp(join(tmpdir(), 'stream-poller-test-'));
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

afterAll(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
  client?.destroy();
  streams?.destroy();
  await dynamo?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

/** A fresh table (so each test reads a stream of its own) and the ARN of its stream. */
async function freshTable(): Promise<{ table: string; streamArn: string }> {
  tableCounter += 1;
  const table = `poller-test-${tableCounter}`;
  await ensureTable(client, table);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  return { table, streamArn: Table!.LatestStreamArn! };
}

async function putOutbox(table: string, id: string): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        pk: { S: `OUTBOX#${id}` },
        sk: { S: 'OUTBOX' },
        type: { S: 'outbox' },
        source: { S: 'bayu.registration' },
        detailType: { S: 'RegistrationSubmitted' },
        detail: { S: JSON.stringify({ metadata: { id }, data: { registrationId: `reg_${id}` } }) },
        occurredAt: { S: '2023-08-01T02:00:00.000Z' },
        expiresAt: { N: '1691460000' },
      },
    }),
  );
}

async function putRegistration(table: string, id: string): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        pk: { S: `REG#${id}` },
        sk: { S: 'REG' },
        type: { S: 'registration' },
        status: { S: 'submitted' },
      },
    }),
  );
}

type Behaviour = (records: DynamoDBRecord[], call: number) => DynamoDBBatchResponse | undefined;

/** A consumer that records every batch it is given and answers as `behaviour` says (throwing if it throws). */
function fakeConsumer(behaviour: Behaviour = () => ({ batchItemFailures: [] })) {
  const batches: DynamoDBRecord[][] = [];
  const invoke = vi.fn(async (_functionName: string, event: unknown) => {
    const records = (event as { Records: DynamoDBRecord[] }).Records;
    batches.push(records);
    return behaviour(records, batches.length);
  });
  const delivered = () => batches.flat().map(outboxId);
  return { invoke, batches, delivered };
}

const outboxId = (record: DynamoDBRecord): string => record.dynamodb!.NewImage!.pk!.S!.replace('OUTBOX#', '');

function startPoller(
  streamArn: string,
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  options: { batchSize?: number; checkpointFile?: string } = {},
): StreamPoller {
  const poller = new StreamPoller({
    client: streams,
    streamArn,
    consumer: { filters: [outboxStreamFilter], batchSize: options.batchSize ?? 10, functionName: FUNCTION },
    invoke,
    log: createLogger({}, () => {}),
    attempts: ATTEMPTS,
    idleDelayMs: 20,
    ...(options.checkpointFile ? { checkpointFile: options.checkpointFile } : {}),
  });
  pollers.push(poller);
  poller.start();
  return poller;
}

describe('StreamPoller', () => {
  it('delivers inserted outbox items in Lambda shape and filters out everything else', async () => {
    const { table, streamArn } = await freshTable();
    const startedAt = Date.now();
    const consumer = fakeConsumer();
    await putOutbox(table, 'a');
    await putRegistration(table, 'r1');
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'OUTBOX#a' }, sk: { S: 'OUTBOX' } },
        UpdateExpression: 'SET detailType = :t',
        ExpressionAttributeValues: { ':t': { S: 'RegistrationAmended' } },
      }),
    );
    await client.send(
      new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'OUTBOX#a' }, sk: { S: 'OUTBOX' } } }),
    );
    // Written last: once it is delivered, every earlier record has been seen.
    await putOutbox(table, 'z');

    startPoller(streamArn, consumer.invoke);
    await eventually(() => consumer.delivered().includes('z'));

    expect(consumer.delivered()).toEqual(['a', 'z']);
    expect(consumer.invoke).toHaveBeenCalledWith(FUNCTION, { Records: expect.any(Array) });
    const record = consumer.batches.flat()[0]!;
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: streamArn,
      awsRegion: expect.any(String),
      eventID: expect.any(String),
      dynamodb: {
        Keys: { pk: { S: 'OUTBOX#a' }, sk: { S: 'OUTBOX' } },
        NewImage: {
          pk: { S: 'OUTBOX#a' },
          sk: { S: 'OUTBOX' },
          source: { S: 'bayu.registration' },
          detailType: { S: 'RegistrationSubmitted' },
          expiresAt: { N: '1691460000' },
        },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        StreamViewType: 'NEW_IMAGE',
      },
    });
    const created = record.dynamodb!.ApproximateCreationDateTime;
    expect(typeof created).toBe('number');
    // Seconds, not milliseconds: within a minute of when the test wrote the item.
    expect(created).toBeGreaterThan(startedAt / 1000 - 60);
    expect(created).toBeLessThan(Date.now() / 1000 + 60);
  });

  it('retries a batch whose invocation threw, with the same records', async () => {
    const { table, streamArn } = await freshTable();
    const consumer = fakeConsumer((_records, call) => {
      if (call === 1) throw new Error('handler crashed');
      return { batchItemFailures: [] };
    });
    await putOutbox(table, 'a');
    await putOutbox(table, 'b');

    startPoller(streamArn, consumer.invoke);
    await eventually(() => consumer.batches.length >= 2);

    const sequences = (batch: DynamoDBRecord[]) => batch.map((r) => r.dynamodb!.SequenceNumber);
    expect(consumer.batches[0]!.map(outboxId)).toEqual(['a', 'b']);
    expect(sequences(consumer.batches[1]!)).toEqual(sequences(consumer.batches[0]!));
  });

  it('retries from the record named in batchItemFailures and does not redeliver the records before it', async () => {
    const { table, streamArn } = await freshTable();
    const consumer = fakeConsumer((records, call) =>
      call === 1
        ? { batchItemFailures: [{ itemIdentifier: records[1]!.dynamodb!.SequenceNumber! }] }
        : undefined,
    );
    for (const id of ['a', 'b', 'c']) await putOutbox(table, id);

    startPoller(streamArn, consumer.invoke);
    await eventually(() => consumer.batches.length >= 2);
    await putOutbox(table, 'd');
    await eventually(() => consumer.delivered().includes('d'));

    expect(consumer.batches.map((b) => b.map(outboxId))).toEqual([['a', 'b', 'c'], ['b', 'c'], ['d']]);
  });

  it('dead-letters records after the last attempt and lets later records flow', async () => {
    const { table, streamArn } = await freshTable();
    const consumer = fakeConsumer((records) => {
      if (records.some((r) => outboxId(r) === 'poison')) throw new Error('cannot handle this one');
      return { batchItemFailures: [] };
    });
    await putOutbox(table, 'poison');

    const poller = startPoller(streamArn, consumer.invoke);
    await eventually(() => poller.deadLetters.length > 0);
    await putOutbox(table, 'after');
    await eventually(() => consumer.delivered().includes('after'));

    expect(poller.deadLetters.map(outboxId)).toEqual(['poison']);
    expect(poller.deadLetters[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventName: 'INSERT' });
    expect(consumer.delivered().filter((id) => id === 'poison')).toHaveLength(ATTEMPTS);
    expect(consumer.batches.at(-1)!.map(outboxId)).toEqual(['after']);
  });

  it('dead-letters a batch from the record that kept failing, not the records before it', async () => {
    const { table, streamArn } = await freshTable();
    const consumer = fakeConsumer((records) => {
      const failing = records.find((r) => outboxId(r) === 'b');
      return { batchItemFailures: failing ? [{ itemIdentifier: failing.dynamodb!.SequenceNumber! }] : [] };
    });
    for (const id of ['a', 'b', 'c']) await putOutbox(table, id);

    const poller = startPoller(streamArn, consumer.invoke);
    await eventually(() => poller.deadLetters.length > 0);
    await putOutbox(table, 'd');
    await eventually(() => consumer.delivered().includes('d'));

    expect(poller.deadLetters.map(outboxId)).toEqual(['b', 'c']);
    expect(consumer.delivered().filter((id) => id === 'a')).toHaveLength(1);
    expect(consumer.delivered().filter((id) => id === 'b')).toHaveLength(ATTEMPTS);
  });

  it('splits the matching records into batches of batchSize', async () => {
    const { table, streamArn } = await freshTable();
    const consumer = fakeConsumer();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await putOutbox(table, id);

    startPoller(streamArn, consumer.invoke, { batchSize: 2 });
    await eventually(() => consumer.delivered().includes('e'));

    expect(consumer.delivered()).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const batch of consumer.batches) expect(batch.length).toBeLessThanOrEqual(2);
  });

  it('resumes after the last processed record when a second poller reads the same checkpoint file', async () => {
    const { table, streamArn } = await freshTable();
    const checkpointFile = join(tempDir, `checkpoints-${tableCounter}.json`);
    const first = fakeConsumer();
    await putOutbox(table, 'a');
    await putOutbox(table, 'b');

    const firstPoller = startPoller(streamArn, first.invoke, { checkpointFile });
    await eventually(() => first.delivered().includes('b'));
    await firstPoller.stop();
    const checkpoints = JSON.parse(await readFile(checkpointFile, 'utf8')) as Record<string, string>;
    await putOutbox(table, 'c');
    const second = fakeConsumer();
    startPoller(streamArn, second.invoke, { checkpointFile });
    await eventually(() => second.delivered().includes('c'));

    expect(first.delivered()).toEqual(['a', 'b']);
    expect(second.delivered()).toEqual(['c']);
    expect(Object.values(checkpoints)).toContain(first.batches.flat().at(-1)!.dynamodb!.SequenceNumber);
  });
});
