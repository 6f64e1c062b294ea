import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Summary } from '#shared/domain/summary.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import type { DigestClaim, SummaryStore } from '#shared/ports/summaries.ts';
import { conditionalWrite } from './conditional-write.ts';
import { queryIndexPage } from './index-reads.ts';
import { digestIndexKeys, keys, stripStorage, summaryIndexKeys, summaryLogKeys } from './keys.ts';
import { putWithEvent } from './outbox-items.ts';

export class DynamoSummaryStore implements SummaryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(summary: Summary, event?: OutboxEvent): Promise<boolean> {
    return putWithEvent(
      this.client,
      {
        TableName: this.table,
        Item: { ...keys.summary(summary.summaryId), ...summaryLogKeys(summary), type: 'summary', ...summary },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      event,
      'summary creation',
    );
  }

  async get(summaryId: string): Promise<Summary | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.summary(summaryId), ConsistentRead: true }),
    );
    return Item ? stripStorage<Summary>(Item) : undefined;
  }

  async complete(summary: Summary, event: OutboxEvent): Promise<boolean> {
    const indexed =
      summary.kind === 'nightly' && summary.asOf
        ? summaryIndexKeys(summary.competitionId, summary.asOf, summary.summaryId)
        : {};
    return putWithEvent(
      this.client,
      {
        TableName: this.table,
        Item: {
          ...keys.summary(summary.summaryId),
          ...summaryLogKeys(summary),
          ...indexed,
          type: 'summary',
          ...summary,
        },
        ConditionExpression: 'attribute_exists(pk) AND #state <> :ready',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':ready': 'ready' },
      },
      event,
      'summary completion',
    );
  }

  async startBuilding(
    summaryId: string,
    at: string,
    staleBefore: string,
  ): Promise<'started' | 'ready' | 'held'> {
    const started = await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.summary(summaryId),
          UpdateExpression: 'SET #state = :building, buildingSince = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (#state IN (:requested, :failed) OR ' +
            '(#state = :building AND buildingSince < :stale))',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':building': 'building',
            ':requested': 'requested',
            ':failed': 'failed',
            ':at': at,
            ':stale': staleBefore,
          },
        }),
      ),
    );
    if (started) return 'started';
    return (await this.get(summaryId))?.state === 'ready' ? 'ready' : 'held';
  }

  async markFailed(summaryId: string, at: string): Promise<void> {
    // Not written when ready already (another attempt finished) or gone: there is no failure to record.
    await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.summary(summaryId),
          UpdateExpression: 'SET #state = :failed, lastFailedAt = :at ADD failedAttempts :one',
          ConditionExpression: 'attribute_exists(pk) AND #state <> :ready',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':failed': 'failed', ':ready': 'ready', ':at': at, ':one': 1 },
        }),
      ),
    );
  }

  async latest(competitionId: string, limit: number): Promise<Summary[]> {
    const page = await queryIndexPage(this.client, {
      TableName: this.table,
      IndexName: 'byUnit',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': summaryLogKeys({ competitionId, requestedAt: '', summaryId: '' }).gsi1pk,
      },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((i) => stripStorage<Summary>(i));
  }

  async previousNightly(competitionId: string, before: string): Promise<Summary | undefined> {
    const item = await this.latestBefore(summaryIndexKeys(competitionId, '', '').gsi2pk, before);
    return item ? stripStorage<Summary>(item) : undefined;
  }

  async claimDigest(
    claim: DigestClaim,
    at: string,
    staleBefore: string,
  ): Promise<'claimed' | 'sent' | 'held'> {
    const key = keys.digest(claim.competitionId, claim.night);
    const claimed = await conditionalWrite(() =>
      this.client.send(
        new PutCommand({
          TableName: this.table,
          // No index keys yet: only a sent digest is "the previous digest" (markDigestSent adds them).
          Item: { ...key, type: 'digest', ...claim, status: 'sending', claimedAt: at },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':stale': staleBefore },
        }),
      ),
    );
    if (claimed) return 'claimed';
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item?.status === 'sent' ? 'sent' : 'held';
  }

  // Both act only on the caller's own claim: one taken over since (or gone) is left alone.
  async markDigestSent(claim: DigestClaim, claimedAt: string, at: string): Promise<void> {
    const { gsi2pk, gsi2sk } = digestIndexKeys(claim.competitionId, claim.asOf);
    await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.digest(claim.competitionId, claim.night),
          UpdateExpression: 'SET #status = :sent, sentAt = :at, gsi2pk = :pk, gsi2sk = :sk',
          ConditionExpression: 'claimedAt = :mine',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':at': at,
            ':pk': gsi2pk,
            ':sk': gsi2sk,
            ':mine': claimedAt,
          },
        }),
      ),
    );
  }

  async releaseDigest(claim: DigestClaim, claimedAt: string): Promise<void> {
    await conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.digest(claim.competitionId, claim.night),
          ConditionExpression: 'claimedAt = :mine',
          ExpressionAttributeValues: { ':mine': claimedAt },
        }),
      ),
    );
  }

  async previousDigest(competitionId: string, before: string): Promise<string | undefined> {
    const item = await this.latestBefore(digestIndexKeys(competitionId, '').gsi2pk, before);
    return item ? (item.asOf as string) : undefined;
  }

  /** The newest item of a sparse byCompetition partition whose sort key (an instant first) is before `before`. */
  private async latestBefore(
    partition: string,
    before: string,
  ): Promise<Record<string, unknown> | undefined> {
    const { items } = await queryIndexPage(this.client, {
      TableName: this.table,
      IndexName: 'byCompetition',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
      ExpressionAttributeValues: { ':pk': partition, ':before': before },
      ScanIndexForward: false,
      Limit: 1,
    });
    return items[0];
  }
}
