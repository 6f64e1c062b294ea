import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '#shared/domain/errors.ts';
import type { DeliveryAttempt, Webhook, WebhookOwner } from '#shared/domain/webhooks.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { Page } from '#shared/ports/stores.ts';
import type { Delivery, DeliveryState, StoredWebhook, WebhookStore } from '#shared/ports/webhooks.ts';
import { conditionalWrite } from './conditional-write.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryIndexAll } from './index-reads.ts';
import {
  dueDeliveryIndexKeys,
  enabledWebhookIndexKeys,
  INDEX_PARTITIONS,
  keys,
  stripStorage,
  WEBHOOK_ATTEMPT_PREFIX,
  webhookOwnerIndexKeys,
} from './keys.ts';

/** The deliveries log and settled deliveries are kept this long, then DynamoDB's TTL removes them. */
const KEPT_SECONDS = 30 * 24 * 3600;
const keptUntil = (ms: number) => Math.floor(ms / 1000) + KEPT_SECONDS;

/**
 * Endpoints keep their record as one map attribute beside the sealed secret, so a change replaces the record
 * and never touches the secret. An endpoint is in the senders' index only while it is enabled, a delivery in the
 * due index only while it is pending.
 */
export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create({ webhook, sealedSecret }: StoredWebhook): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.webhook(webhook.webhookId),
          ...webhookOwnerIndexKeys(webhook),
          ...(webhook.enabled ? enabledWebhookIndexKeys(webhook) : {}),
          type: 'webhook',
          webhook,
          sealedSecret,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(webhookId: string): Promise<StoredWebhook | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.webhook(webhookId), ConsistentRead: true }),
    );
    return Item ? { webhook: Item.webhook as Webhook, sealedSecret: Item.sealedSecret as string } : undefined;
  }

  async listByOwner(owner: WebhookOwner): Promise<Webhook[]> {
    const items = await queryIndexAll(this.client, {
      TableName: this.table,
      IndexName: INDEX_PARTITIONS.ownerWebhooks.index,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': webhookOwnerIndexKeys({ owner, createdAt: '', webhookId: '' }).gsi1pk,
      },
    });
    return items.map((i) => i.webhook as Webhook);
  }

  async listEnabled(): Promise<StoredWebhook[]> {
    const items = await queryIndexAll(this.client, {
      TableName: this.table,
      IndexName: INDEX_PARTITIONS.enabledWebhooks.index,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': INDEX_PARTITIONS.enabledWebhooks.prefix },
    });
    return items.map((i) => ({ webhook: i.webhook as Webhook, sealedSecret: i.sealedSecret as string }));
  }

  async update(webhook: Webhook): Promise<void> {
    const enabled = enabledWebhookIndexKeys(webhook);
    const written = await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.webhook(webhook.webhookId),
          UpdateExpression: webhook.enabled
            ? 'SET webhook = :w, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk'
            : 'SET webhook = :w REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':w': webhook,
            ...(webhook.enabled ? { ':gsi2pk': enabled.gsi2pk, ':gsi2sk': enabled.gsi2sk } : {}),
          },
        }),
      ),
    );
    if (!written) throw new AppError('NOT_FOUND', 'no such webhook');
  }

  async delete(webhookId: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.webhook(webhookId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  async addDelivery(delivery: Delivery, dueMs: number): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.webhookDelivery(delivery),
            ...dueDeliveryIndexKeys({ ...delivery, dueAt: isoAt(dueMs) }),
            type: 'webhook-delivery',
            ...delivery,
            state: 'pending',
            dueMs,
            expiresAt: keptUntil(delivery.firstAttemptMs),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async dueDeliveries(
    nowMs: number,
    limit: number,
  ): Promise<Array<{ webhookId: string; messageId: string }>> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX_PARTITIONS.dueDeliveries.index,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :upper',
        ExpressionAttributeValues: {
          ':pk': INDEX_PARTITIONS.dueDeliveries.prefix,
          // Every sort key due at or before now: the instant, then '#' and the ids, all below U+FFFF.
          ':upper': `${isoAt(nowMs)}#\uffff`,
        },
        Limit: limit,
      }),
    );
    return Items.map((i) => {
      const [, webhookId = '', messageId = ''] = String(i.gsi2sk).split('#');
      return { webhookId, messageId };
    });
  }

  async claim(
    ref: { webhookId: string; messageId: string },
    nowMs: number,
    leaseUntilMs: number,
  ): Promise<Delivery | undefined> {
    let claimed: Record<string, unknown> | undefined;
    await conditionalWrite(async () => {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.webhookDelivery(ref),
          UpdateExpression: 'SET attempts = attempts + :one, dueMs = :lease, gsi2sk = :gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND #state = :pending AND dueMs <= :now',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':lease': leaseUntilMs,
            ':gsi2sk': dueDeliveryIndexKeys({ ...ref, dueAt: isoAt(leaseUntilMs) }).gsi2sk,
            ':pending': 'pending',
            ':now': nowMs,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      claimed = result.Attributes;
    });
    if (!claimed) return undefined;
    const { webhookId, messageId, eventType, body, firstAttemptMs, attempts } =
      claimed as unknown as Delivery;
    return { webhookId, messageId, eventType, body, firstAttemptMs, attempts };
  }

  async drop(ref: { webhookId: string; messageId: string }): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: keys.webhookDelivery(ref) }));
  }

  async recordAttempt(attempt: DeliveryAttempt, next: DeliveryState): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.webhookAttempt(attempt),
          type: 'webhook-attempt',
          ...attempt,
          expiresAt: keptUntil(Date.parse(attempt.attemptedAt)),
        },
      }),
    );
    const due = next.state === 'pending' && dueDeliveryIndexKeys({ ...attempt, dueAt: isoAt(next.dueMs) });
    // Only while the claim is still this attempt's: a sender whose lease ran out leaves the delivery to the next.
    await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.webhookDelivery(attempt),
          ...(next.state === 'pending' && due
            ? {
                UpdateExpression: 'SET dueMs = :due, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
                ExpressionAttributeValues: {
                  ':due': next.dueMs,
                  ':gsi2pk': due.gsi2pk,
                  ':gsi2sk': due.gsi2sk,
                  ':attempt': attempt.attempt,
                },
              }
            : {
                UpdateExpression: 'SET #state = :settled REMOVE gsi2pk, gsi2sk',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: { ':settled': 'settled', ':attempt': attempt.attempt },
              }),
          ConditionExpression: 'attempts = :attempt',
        }),
      ),
    );
  }

  async attempts(
    webhookId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<DeliveryAttempt>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.webhook(webhookId).pk, ':prefix': WEBHOOK_ATTEMPT_PREFIX },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor),
      }),
    );
    const next = encodeCursor(result.LastEvaluatedKey);
    return {
      items: (result.Items ?? []).map((i) => stripStorage<DeliveryAttempt>(i)),
      ...(next ? { cursor: next } : {}),
    };
  }
}
