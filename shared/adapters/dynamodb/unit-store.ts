import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '#shared/domain/principal.ts';
import type { Unit } from '#shared/domain/unit.ts';
import type { Page, TokenStore, UnitStore } from '#shared/ports/stores.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryIndexPage } from './index-reads.ts';
import { keys, stripStorage, unitIndexKeys } from './keys.ts';
import { transactWrite } from './transactions.ts';

export class DynamoUnitStore implements UnitStore, TokenStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(unit: Unit, tokenHash: string): Promise<void> {
    const failed = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.unit(unit.unitId), ...unitIndexKeys(unit), type: 'unit', ...unit },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: this.tokenItem(tokenHash, { role: 'unit', unitId: unit.unitId }, unit.createdAt),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
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

  async find(tokenHash: string): Promise<Principal | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.token(tokenHash) }),
    );
    return Item ? (Item.principal as Principal) : undefined;
  }

  async put(tokenHash: string, principal: Principal, createdAt: string): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.table, Item: this.tokenItem(tokenHash, principal, createdAt) }),
    );
  }

  private tokenItem(tokenHash: string, principal: Principal, createdAt: string) {
    return { ...keys.token(tokenHash), type: 'token', principal, createdAt };
  }
}
