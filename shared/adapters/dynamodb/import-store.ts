import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportRecord, ImportSubmissions } from '#shared/domain/import-record.ts';
import type { ImportStore } from '#shared/ports/imports.ts';
import { conditionalWrite } from './conditional-write.ts';
import { deflateJson, inflateJson } from './deflated-json.ts';
import { keys, stripStorage } from './keys.ts';
import { epochSeconds } from './outbox-items.ts';

/**
 * One item per import: the record as JSON attributes, the submissions deflated (a thousand rows' bodies stay well
 * under the item limit), and `expiresAt` in epoch seconds for TTL (readers filter: TTL deletes late).
 */
export class DynamoImportStore implements ImportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(record: ImportRecord, submissions: ImportSubmissions): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.importRecord(record.importId),
          type: 'import',
          record: deflateJson(record),
          submissions: deflateJson(submissions),
          expiresAt: epochSeconds(record.expiresAt),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(importId: string, at: string) {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.importRecord(importId), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) <= epochSeconds(at)) return undefined;
    const stored = stripStorage<{ record: string; submissions?: string }>(Item);
    return {
      record: inflateJson(stored.record) as ImportRecord,
      ...(stored.submissions ? { submissions: inflateJson(stored.submissions) as ImportSubmissions } : {}),
    };
  }

  markCommitted(record: ImportRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.importRecord(record.importId),
          UpdateExpression: 'SET #record = :record REMOVE submissions',
          ConditionExpression: 'attribute_exists(submissions)',
          ExpressionAttributeNames: { '#record': 'record' },
          ExpressionAttributeValues: { ':record': deflateJson(record) },
        }),
      ),
    );
  }
}
