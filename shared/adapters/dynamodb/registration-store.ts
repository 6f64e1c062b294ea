import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '#shared/domain/errors.ts';
import type { HistoryEntry, Registration } from '#shared/domain/registration.ts';
import {
  IdempotencyKeyTaken,
  type IdempotencyRecord,
  type OutboxEvent,
  type Page,
  type RegistrationQuery,
  type RegistrationStore,
  type StoredRegistration,
} from '#shared/ports/stores.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryIndexPage } from './index-reads.ts';
import {
  competitionEntriesPartition,
  HISTORY_SORT_PREFIX,
  keys,
  registrationIndexKeys,
  stripStorage,
  trackEntriesSortPrefix,
  unitEntriesPartition,
} from './keys.ts';
import { epochSeconds, outboxPut } from './outbox-items.ts';
import { type CancellationCodes, type TransactItem, transactWrite } from './transactions.ts';

/** Idempotency keys are honoured for a day, as most APIs with this header do. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export class DynamoRegistrationStore implements RegistrationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(write: Parameters<RegistrationStore['create']>[0]): Promise<void> {
    const { registration, history } = write.change;
    const at = registration.createdAt;
    const items: TransactItem[] = [
      this.putNew({
        ...keys.registration(registration.registrationId),
        ...registrationIndexKeys(registration),
        type: 'registration',
        ...registration,
      }),
      this.historyItem(registration.registrationId, history),
      {
        Update: {
          TableName: this.table,
          Key: keys.quota(write.quota.slot),
          UpdateExpression: 'ADD held :one SET #type = :type',
          ConditionExpression: 'attribute_not_exists(held) OR held < :limit',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':limit': write.quota.limit, ':type': 'quota' },
        },
      },
      ...write.personHashes.map((hash) => this.personClaim(registration, hash)),
      this.outboxItem(write.event),
    ];
    if (write.idempotency) {
      const { scope, key, requestHash } = write.idempotency;
      items.push({
        Put: {
          TableName: this.table,
          Item: {
            ...keys.idempotency(scope, key),
            type: 'idempotency',
            requestHash,
            registrationId: registration.registrationId,
            expiresAt: epochSeconds(at) + IDEMPOTENCY_TTL_SECONDS,
          },
          // TTL deletes lazily (DynamoDB Local never): an expired record is free to take.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': epochSeconds(at) },
        },
      });
    }
    const failed = await transactWrite(this.client, items);
    if (!failed) return;
    const quotaIndex = 2;
    const personIndexes = write.personHashes.map((_, i) => 3 + i);
    const idempotencyIndex = items.length - 1;
    if (write.idempotency && isFailed(failed, idempotencyIndex)) throw new IdempotencyKeyTaken();
    if (personIndexes.some((i) => isFailed(failed, i))) {
      throw new AppError(
        'DUPLICATE_CONTESTANT',
        'a contestant of this entry is already registered in this track',
      );
    }
    if (isFailed(failed, quotaIndex)) {
      throw new AppError('QUOTA_FULL', "the unit's places in this track and group are all taken");
    }
    throw new Error(`registration transaction cancelled: ${failed.join(',')}`);
  }

  async findIdempotency(scope: string, key: string, at: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) <= epochSeconds(at)) return undefined;
    return { requestHash: Item.requestHash as string, registrationId: Item.registrationId as string };
  }

  async get(registrationId: string): Promise<StoredRegistration | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.registration(registrationId), ConsistentRead: true }),
    );
    return Item ? { registration: stripStorage<Registration>(Item) } : undefined;
  }

  async history(
    registrationId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<HistoryEntry>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
        ExpressionAttributeValues: {
          ':pk': keys.registration(registrationId).pk,
          ':history': HISTORY_SORT_PREFIX,
        },
        // Newest first, so the first page is the latest entries; each page is turned back into version order.
        ScanIndexForward: false,
        Limit: page.limit,
        ConsistentRead: true,
        ExclusiveStartKey: decodeCursor(page.cursor),
      }),
    );
    const cursor = encodeCursor(result.LastEvaluatedKey);
    return {
      items: (result.Items ?? []).map((i) => stripStorage<HistoryEntry>(i)).reverse(),
      ...(cursor ? { cursor } : {}),
    };
  }

  async recordViewing(registrationId: string, entry: HistoryEntry): Promise<void> {
    const key = keys.historyViewing(registrationId, entry.version, entry.at, entry.actor);
    await this.client.send(
      new PutCommand({ TableName: this.table, Item: { ...key, type: 'history', ...entry } }),
    );
  }

  async list(query: RegistrationQuery): Promise<Page<Registration>> {
    const byUnit = query.unitId !== undefined;
    const [pkName, skName] = byUnit ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    const pk = byUnit
      ? unitEntriesPartition(query.competitionId, query.unitId as string)
      : competitionEntriesPartition(query.competitionId);
    try {
      const page = await queryIndexPage(this.client, {
        TableName: this.table,
        IndexName: byUnit ? 'byUnit' : 'byCompetition',
        KeyConditionExpression:
          query.trackId === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :track)',
        ExpressionAttributeNames: {
          '#pk': pkName,
          ...(query.trackId === undefined ? {} : { '#sk': skName }),
        },
        ExpressionAttributeValues: {
          ':pk': pk,
          ...(query.trackId === undefined ? {} : { ':track': trackEntriesSortPrefix(query.trackId) }),
        },
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor),
      });
      const cursor = encodeCursor(page.lastKey);
      return {
        items: page.items.map((i) => stripStorage<Registration>(i)),
        ...(cursor ? { cursor } : {}),
      };
    } catch (error) {
      // A cursor from another query decodes but does not fit this one's keys.
      if (query.cursor && (error as Error).name === 'ValidationException') {
        throw new AppError('MALFORMED_REQUEST', 'the cursor does not belong to this listing');
      }
      throw error;
    }
  }

  async update(write: Parameters<RegistrationStore['update']>[0]): Promise<void> {
    const { registration, history } = write.change;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.registration(registration.registrationId),
            ...registrationIndexKeys(registration),
            type: 'registration',
            ...registration,
          },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': write.expectedVersion },
        },
      },
      this.historyItem(registration.registrationId, history),
      ...write.addedPersonHashes.map((hash) => this.personClaim(registration, hash)),
      ...write.releasedPersonHashes.map(
        (hash): TransactItem => ({
          Delete: {
            TableName: this.table,
            Key: keys.person(registration.competitionId, registration.trackId, hash),
            ConditionExpression: 'registrationId = :id',
            ExpressionAttributeValues: { ':id': registration.registrationId },
          },
        }),
      ),
      ...write.events.map((e) => this.outboxItem(e)),
    ];
    if (write.releaseQuota) {
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.quota(write.releaseQuota),
          UpdateExpression: 'ADD held :minusOne',
          ConditionExpression: 'held > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        },
      });
    }
    const failed = await transactWrite(this.client, items);
    if (!failed) return;
    if (isFailed(failed, 0)) {
      throw new AppError(
        'VERSION_CONFLICT',
        'the registration was changed meanwhile; read it again and retry',
      );
    }
    const addedIndexes = write.addedPersonHashes.map((_, i) => 2 + i);
    if (addedIndexes.some((i) => isFailed(failed, i))) {
      throw new AppError(
        'DUPLICATE_CONTESTANT',
        'a contestant of this entry is already registered in this track',
      );
    }
    throw new Error(`registration update cancelled: ${failed.join(',')}`);
  }

  private putNew(item: Record<string, unknown>): TransactItem {
    return { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  private historyItem(registrationId: string, entry: HistoryEntry): TransactItem {
    return this.putNew({ ...keys.history(registrationId, entry.version), type: 'history', ...entry });
  }

  private personClaim(registration: Registration, hash: string): TransactItem {
    return this.putNew({
      ...keys.person(registration.competitionId, registration.trackId, hash),
      type: 'person',
      registrationId: registration.registrationId,
    });
  }

  private outboxItem(event: OutboxEvent): TransactItem {
    return outboxPut(this.table, event);
  }
}

const isFailed = (codes: CancellationCodes, index: number) => codes[index] === 'ConditionalCheckFailed';
