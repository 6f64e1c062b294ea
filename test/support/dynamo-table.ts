/**
 * A table of its own in DynamoDB Local for a test file that tests a store directly: started before the file's
 * tests, stopped after them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '#infra/local/provision.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '#infra/local/stand-ins/dynamodb-local.ts';

export interface TableOfFile {
  /** The document client on the table (set once the file's tests run). */
  documents: DynamoDBDocumentClient;
}

export function dynamoTableOfFile(table: string): TableOfFile {
  const state = {} as TableOfFile;
  let dynamo: DynamoDbLocal | undefined;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, table);
    state.documents = DynamoDBDocumentClient.from(client);
  }, 60_000);
  afterAll(async () => {
    state.documents?.destroy();
    await dynamo?.stop();
  });
  return state;
}
