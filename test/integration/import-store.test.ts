/**
 * The import record against DynamoDB Local: it is gone once it expires (TTL deletes late, so the store filters),
 * and its commit is recorded once, dropping the entries' bodies (the whole ID numbers) with it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoImportStore } from '#shared/adapters/dynamodb/import-store.ts';
import { keys } from '#shared/adapters/dynamodb/keys.ts';
import type { ImportRecord } from '#shared/domain/import-record.ts';
import { dynamoTableOfFile } from '../support/dynamo-table.ts';

const TABLE = 'import-store-test';

const table = dynamoTableOfFile(TABLE);
const store = () => new DynamoImportStore(table.documents, TABLE);

const record = (importId: string): ImportRecord => ({
  importId,
  competitionId: 'bayu-2023',
  unitId: 'unit_1',
  createdAt: '2023-09-01T01:00:00.000Z',
  expiresAt: '2023-09-02T01:00:00.000Z',
  state: 'checked',
  rows: [2],
  problems: [],
  notes: [],
  entries: [
    { key: 'machine-vision@2', trackId: 'machine-vision', groupId: 'open', rows: [2], status: 'ready' },
  ],
  places: [{ trackId: 'machine-vision', groupId: 'open', places: 2, taken: 0 }],
});
const submissions = { 'machine-vision@2': { contestants: [{ idNumber: '500103199001010010' }] } };

describe('the import store', () => {
  it('reads an import with its bodies until it expires, and not from then on', async () => {
    await store().put(record('imp_1'), submissions);
    expect(await store().get('imp_1', '2023-09-02T00:59:59.000Z')).toEqual({
      record: record('imp_1'),
      submissions,
    });
    expect(await store().get('imp_1', '2023-09-02T01:00:00.000Z')).toBeUndefined();
    expect(await store().get('imp_none', '2023-09-01T02:00:00.000Z')).toBeUndefined();
  });

  it('records the commit once and drops the bodies with it', async () => {
    await store().put(record('imp_2'), submissions);
    const committed: ImportRecord = {
      ...record('imp_2'),
      state: 'committed',
      entries: [{ ...record('imp_2').entries[0]!, status: 'created', registrationId: 'reg_1' }],
    };
    expect(await store().markCommitted(committed)).toBe(true);
    expect(await store().markCommitted({ ...committed, committedAt: 'later' })).toBe(false);
    expect(await store().get('imp_2', '2023-09-01T02:00:00.000Z')).toEqual({ record: committed });
    const { Item } = await table.documents.send(
      new GetCommand({ TableName: TABLE, Key: keys.importRecord('imp_2') }),
    );
    expect(JSON.stringify(Item)).not.toContain('submissions');
    expect(Item?.expiresAt).toBe(Date.parse('2023-09-02T01:00:00.000Z') / 1000);
  });
});
