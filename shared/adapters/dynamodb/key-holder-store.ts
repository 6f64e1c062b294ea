import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NewKey } from '#shared/ports/stores.ts';
import { queryIndexAll } from './index-reads.ts';
import { newKeyParts } from './key-store.ts';
import { type Partition, stripStorage } from './keys.ts';
import { transactWrite } from './transactions.ts';

/** Where a kind of key holder lives: its item's key by id, and its place in the byCompetition listing. */
export interface KeyHolderShape<T> {
  type: Partition;
  idOf: (record: T) => string;
  key: (id: string) => { pk: string; sk: string };
  indexKeys: (record: T) => { gsi2pk: string; gsi2sk: string };
  /** The byCompetition partition that lists them all. */
  listed: string;
}

/**
 * Records that are created with their first key in one transaction, read by id and listed whole, oldest first
 * (secretariat accounts, portal clients: a handful each).
 */
export class DynamoKeyHolderStore<T extends object> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly shape: KeyHolderShape<T>,
  ) {}

  async create(record: T, firstKey: NewKey): Promise<void> {
    const failed = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...this.shape.key(this.shape.idOf(record)),
            ...this.shape.indexKeys(record),
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
      new GetCommand({ TableName: this.table, Key: this.shape.key(id) }),
    );
    return Item ? stripStorage<T>(Item) : undefined;
  }

  async list(): Promise<T[]> {
    const items = await queryIndexAll(this.client, {
      TableName: this.table,
      IndexName: 'byCompetition',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': this.shape.listed },
    });
    return items.map((i) => stripStorage<T>(i));
  }
}
