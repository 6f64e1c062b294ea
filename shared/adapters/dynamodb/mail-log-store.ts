import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailKey, MailLogStore, MailRecord } from '#shared/ports/mail-log.ts';
import { conditionalWrite } from './conditional-write.ts';
import { keys, stripStorage } from './keys.ts';
import { queryPartition } from './partition.ts';

export class DynamoMailLogStore implements MailLogStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async claim(key: MailKey, template: string, at: string, staleBefore: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.mail(key),
          UpdateExpression:
            'SET #type = :type, #owner = :owner, eventKey = :eventKey, #to = :to, template = :template, ' +
            '#status = :sending, createdAt = if_not_exists(createdAt, :at), updatedAt = :at ADD attempts :one',
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND updatedAt < :stale)',
          ExpressionAttributeNames: { '#type': 'type', '#owner': 'owner', '#to': 'to', '#status': 'status' },
          ExpressionAttributeValues: {
            ':type': 'mail',
            ':owner': key.owner,
            ':eventKey': key.eventKey,
            ':to': key.to,
            ':template': template,
            ':sending': 'sending',
            ':failed': 'failed',
            ':at': at,
            ':stale': staleBefore,
            ':one': 1,
          },
        }),
      ),
    );
  }

  async settle(
    key: MailKey,
    outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string },
    at: string,
  ): Promise<void> {
    const detail = outcome.status === 'sent' ? 'messageId' : 'error';
    await this.client.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.mail(key),
        UpdateExpression: 'SET #status = :status, updatedAt = :at, #detail = :detail',
        // Both `status` and `error` are DynamoDB reserved words.
        ExpressionAttributeNames: { '#status': 'status', '#detail': detail },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':at': at,
          ':detail': outcome.status === 'sent' ? outcome.messageId : outcome.error,
        },
      }),
    );
  }

  async list(owner: string): Promise<MailRecord[]> {
    const items = await queryPartition(this.client, this.table, keys.mails(owner).pk);
    const records = items.map((i) => stripStorage<MailRecord>(i));
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
