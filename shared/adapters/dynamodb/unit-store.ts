import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Unit } from '#shared/domain/unit.ts';
import type { Credential, NewKey, Page, TokenStore, UnitStore } from '#shared/ports/stores.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryIndexPage } from './index-reads.ts';
import { DynamoKeyStore, newKeyParts } from './key-store.ts';
import { keys, stripStorage, unitIndexKeys } from './keys.ts';
import { transactWrite } from './transactions.ts';

/**
 * Units, and the credentials every authenticating function reads (the functions' edge takes them from here,
 * beside the units most of them read).
 */
export class DynamoUnitStore implements UnitStore, TokenStore {
  private readonly credentials: DynamoKeyStore;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.credentials = new DynamoKeyStore(client, table);
  }

  async create(unit: Unit, firstKey: NewKey): Promise<void> {
    const failed = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.unit(unit.unitId), ...unitIndexKeys(unit), type: 'unit', ...unit },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...newKeyParts(this.table, firstKey),
    ]);
    // Ids and tokens are random: a collision is a fault, not a user error.
    if (failed) throw new Error(`unit creation cancelled: ${failed.join(',')}`);
  }

  async get(unitId: string): Promise<Unit | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.unit(unitId) }),
    );
    return Item ? stripStorage<Unit>(Item) : undefined;
  }

  async list(limit: number, cursor?: string): Promise<Page<Unit>> {
    const page = await queryIndexPage(this.client, {
      TableName: this.table,
      IndexName: 'byCompetition',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': unitIndexKeys({ createdAt: '', unitId: '' }).gsi2pk },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    });
    const next = encodeCursor(page.lastKey);
    return { items: page.items.map((i) => stripStorage<Unit>(i)), ...(next ? { cursor: next } : {}) };
  }

  find(tokenHash: string): Promise<Credential | undefined> {
    return this.credentials.find(tokenHash);
  }

  touch(tokenHash: string, at: string, staleBefore: string): Promise<void> {
    return this.credentials.touch(tokenHash, at, staleBefore);
  }
}
