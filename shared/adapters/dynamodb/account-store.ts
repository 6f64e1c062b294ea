import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#shared/domain/access.ts';
import type { AccountStore } from '#shared/ports/stores.ts';
import { DynamoKeyHolderStore } from './key-holder-store.ts';
import { accountIndexKeys, INDEX_PARTITIONS, keys } from './keys.ts';

/** Secretariat accounts (ACCOUNT#id), listed through the byCompetition index (ACCOUNTS). */
export class DynamoAccountStore extends DynamoKeyHolderStore<Account> implements AccountStore {
  constructor(client: DynamoDBDocumentClient, table: string) {
    super(client, table, {
      type: 'account',
      idOf: (a) => a.accountId,
      key: keys.account,
      indexKeys: accountIndexKeys,
      listed: INDEX_PARTITIONS.accounts.prefix,
    });
  }
}
