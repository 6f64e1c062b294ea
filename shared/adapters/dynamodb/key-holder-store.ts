/**
 * Records created with their first key in one transaction, read by id and listed whole, oldest first: the
 * secretariat's accounts (ACCOUNT#id, listed under ACCOUNTS) and the portal clients (PORTAL#id, under PORTALS),
 * a handful to a few dozen each.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#shared/domain/access.ts';
import type { Portal } from '#shared/domain/portal.ts';
import type { NewKey } from '#shared/ports/stores.ts';
import { queryIndexAll } from './index-reads.ts';
import { newKeyParts } from './key-store.ts';
import { INDEX_PARTITIONS, keys, listedIndexKeys, stripStorage } from './keys.ts';
import { transactWrite } from './transactions.ts';

/** Where a kind of key holder lives: its item kind (and key builder) and the listing that holds them all. */
interface KeyHolderShape<T> {
  type: 'account' | 'portal';
  listing: 'accounts' | 'portals';
  idOf: (record: T) => string;
}

export const ACCOUNTS: KeyHolderShape<Account> = {
  type: 'account',
  listing: 'accounts',
  idOf: (a) => a.accountId,
};
export const PORTALS: KeyHolderShape<Portal> = {
  type: 'portal',
  listing: 'portals',
  idOf: (p) => p.portalId,
};

export class DynamoKeyHolderStore<T extends { createdAt: string }> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly shape: KeyHolderShape<T>,
  ) {}

  async create(record: T, firstKey: NewKey): Promise<void> {
    const id = this.shape.idOf(record);
    const failed = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys[this.shape.type](id),
            ...listedIndexKeys(this.shape.listing, record.createdAt, id),
            type: this.shape.type,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...newKeyParts(this.table, firstKey),
    ]);
    // Ids and keys are random (the first admin's id is checked before): a collision is a fault.
    if (failed) throw new Error(`${this.shape.type} creation cancelled: ${failed.join(',')}`);
  }

  async get(id: string): Promise<T | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys[this.shape.type](id) }),
    );
    return Item ? stripStorage<T>(Item) : undefined;
  }

  async list(): Promise<T[]> {
    const items = await queryIndexAll(this.client, {
      TableName: this.table,
      IndexName: 'byCompetition',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': INDEX_PARTITIONS[this.shape.listing].prefix },
    });
    return items.map((i) => stripStorage<T>(i));
  }
}
