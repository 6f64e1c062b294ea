/**
 * The local event-source mapping: reads the table's stream from DynamoDB Local, applies the same filters as
 * the deployed mapping, and invokes the consumer with Lambda-shaped batches. A failed batch (thrown, or
 * reported through batchItemFailures) is retried from the failed record, like the real mapping with
 * reportBatchItemFailures; after the last attempt it goes to the dead letters and the stream moves on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Logger } from '#shared/logging/logger.ts';
import { assertSupportedPattern, matchesPattern } from './event-pattern.ts';
import type { Invoke } from './functions.ts';
import type { LocalStreamConsumer } from './wiring.ts';

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  consumer: LocalStreamConsumer;
  invoke: Invoke;
  log: Logger;
  /** Where the last processed sequence number of each shard is kept, so a restart does not replay. */
  checkpointFile?: string;
  idleDelayMs?: number;
  attempts?: number;
}

type Checkpoints = Record<string, string>;

/** The record as Lambda delivers it: the same field names, with the creation time in epoch seconds. */
function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? process.env.AWS_REGION ?? 'us-east-1',
    dynamodb: {
      ...(dynamodb as NonNullable<DynamoDBRecord['dynamodb']>),
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }
        : {}),
    },
    eventSourceARN: streamArn,
  };
}

export class StreamPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly checkpoints: Checkpoints;
  private readonly iterators = new Map<string, string | null>();
  readonly deadLetters: DynamoDBRecord[] = [];

  constructor(private readonly options: StreamPollerOptions) {
    for (const filter of options.consumer.filters) {
      assertSupportedPattern(filter, `stream filter of ${options.consumer.functionName}`);
    }
    const file = options.checkpointFile;
    this.checkpoints =
      file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Checkpoints) : {};
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let progressed = false;
      try {
        progressed = await this.pollOnce();
      } catch (error) {
        this.options.log.error('stream polling failed; retrying', {}, error);
        // Iterators expire; reopen the open shards from their checkpoints.
        for (const [shardId, iterator] of this.iterators)
          if (iterator !== null) this.iterators.delete(shardId);
      }
      if (!progressed) await new Promise((r) => setTimeout(r, this.options.idleDelayMs ?? 100));
    }
  }

  /** Reads each open shard once; true when any records arrived. */
  private async pollOnce(): Promise<boolean> {
    const { client, streamArn } = this.options;
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let progressed = false;
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      const known = this.iterators.get(shardId);
      if (known === null) continue; // closed and drained
      const page = await client.send(
        new GetRecordsCommand({ ShardIterator: known ?? (await this.openIterator(shardId)), Limit: 1000 }),
      );
      const records = page.Records ?? [];
      let iterator = page.NextShardIterator ?? null;
      if (records.length > 0) {
        progressed = true;
        const resumeAt = await this.process(shardId, records);
        // A batch that exhausted its retries has been dead-lettered; anything else resumes where it failed.
        if (resumeAt) iterator = await this.openIterator(shardId, resumeAt);
      }
      this.iterators.set(shardId, iterator);
    }
    return progressed;
  }

  private async openIterator(shardId: string, atSequence?: string): Promise<string> {
    const after = this.checkpoints[shardId];
    const { ShardIterator } = await this.options.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ...(atSequence
          ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: atSequence }
          : after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator!;
  }

  /** Delivers the matching records in batches; returns the sequence number to resume from after a failure. */
  private async process(shardId: string, records: _Record[]): Promise<string | undefined> {
    const { consumer, streamArn } = this.options;
    const matching = records
      .map((r) => toLambdaRecord(r, streamArn))
      .filter((r) => consumer.filters.some((f) => matchesPattern(f, r)));
    for (let i = 0; i < matching.length; i += consumer.batchSize) {
      const batch = matching.slice(i, i + consumer.batchSize);
      const failedAt = await this.deliver(batch);
      if (failedAt) return failedAt;
      this.checkpoint(shardId, batch.at(-1)!.dynamodb!.SequenceNumber!);
    }
    this.checkpoint(shardId, records.at(-1)!.dynamodb!.SequenceNumber!);
    return undefined;
  }

  private attemptsBySequence = new Map<string, number>();

  /** One invocation; on failure, the sequence number to retry from, or undefined once dead-lettered. */
  private async deliver(batch: DynamoDBRecord[]): Promise<string | undefined> {
    let failedAt: string | undefined;
    try {
      const response = (await this.options.invoke(this.options.consumer.functionName, { Records: batch })) as
        | DynamoDBBatchResponse
        | undefined;
      failedAt = response?.batchItemFailures?.[0]?.itemIdentifier;
    } catch (error) {
      this.options.log.error(
        'stream batch failed',
        { functionName: this.options.consumer.functionName },
        error,
      );
      failedAt = batch[0]!.dynamodb!.SequenceNumber!;
    }
    if (!failedAt) return undefined;
    const attempts = (this.attemptsBySequence.get(failedAt) ?? 0) + 1;
    this.attemptsBySequence.set(failedAt, attempts);
    if (attempts < (this.options.attempts ?? 10)) {
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempts)));
      return failedAt;
    }
    this.attemptsBySequence.delete(failedAt);
    const from = batch.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
    this.deadLetters.push(...batch.slice(Math.max(0, from)));
    this.options.log.error('stream records dead-lettered after retries', {
      count: batch.length - Math.max(0, from),
    });
    return undefined;
  }

  private checkpoint(shardId: string, sequenceNumber: string): void {
    this.checkpoints[shardId] = sequenceNumber;
    if (this.options.checkpointFile)
      writeFileSync(this.options.checkpointFile, JSON.stringify(this.checkpoints));
  }
}
