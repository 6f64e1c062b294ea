import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#shared/domain/access.ts';
import type { AccountStore, NewKey } from '#shared/ports/stores.ts';
import { queryIndexAll } from './index-reads.ts';
import { newKeyParts } from './key-store.ts';
import { accountIndexKeys, keys, stripStorage } from './keys.ts';
import { transactWrite } from './transactions.ts';

/** Secretariat accounts (ACCOUNT#id), listed through the byCompetition index (ACCOUNTS). */
export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(account: Account, firstKey: NewKey): Promise<void> {
    const failed = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.account(account.accountId),
            ...accountIndexKeys(account),
            type: 'account',
            ...account,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...newKeyParts(this.table, firstKey),
    ]);
    // Ids and keys are random (the first admin's id is checked before): a collision is a fault.
    if (failed) throw new Error(`account creation cancelled: ${failed.join(',')}`);
  }

  async get(accountId: string): Promise<Account | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.account(accountId) }),
    );
    return Item ? stripStorage<Account>(Item) : undefined;
  }

  async list(): Promise<Account[]> {
    const items = await queryIndexAll(this.client, {
      TableName: this.table,
      IndexName: 'byCompetition',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': accountIndexKeys({ createdAt: '', accountId: '' }).gsi2pk },
    });
    return items.map((i) => stripStorage<Account>(i));
  }
}
