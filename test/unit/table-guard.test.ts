import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { leadingKeysOf, refusedKeys } from '../../infra/local/table-guard.ts';
import { type FunctionSpec, functions } from '../../infra/system.ts';
import { keys } from '../../shared/adapters/dynamodb/keys.ts';

const spec = (name: string): FunctionSpec => {
  const found = functions.find((s) => s.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};
const key = (k: { pk: string; sk?: string }) => marshall(k);

describe('leadingKeysOf', () => {
  it('reads the partition key of single-item requests, as reads or writes', () => {
    expect(leadingKeysOf('GetItemCommand', { Key: key(keys.token('h')) })).toEqual([
      { kind: 'read', value: 'TOKEN#h' },
    ]);
    expect(leadingKeysOf('PutItemCommand', { Item: key(keys.unit('u')) })).toEqual([
      { kind: 'write', value: 'UNIT#u' },
    ]);
    expect(leadingKeysOf('DeleteItemCommand', { Key: key(keys.digest('c', 'n')) })).toEqual([
      { kind: 'write', value: 'DIGEST#c#n' },
    ]);
  });

  it('reads the partition of a query from its key condition, on the table or an index', () => {
    expect(
      leadingKeysOf('QueryCommand', {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': 'REG#r' }),
      }),
    ).toEqual([{ kind: 'read', value: 'REG#r' }]);
    expect(
      leadingKeysOf('QueryCommand', {
        IndexName: 'byCompetition',
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :track)',
        ExpressionAttributeNames: { '#pk': 'gsi2pk', '#sk': 'gsi2sk' },
        ExpressionAttributeValues: marshall({ ':pk': 'COMP#bayu-2023', ':track': 'ai-trainer#' }),
      }),
    ).toEqual([{ kind: 'read', index: 'byCompetition', value: 'COMP#bayu-2023' }]);
  });

  it('reads every part of a transaction with its own key', () => {
    const parts = leadingKeysOf('TransactWriteItemsCommand', {
      TransactItems: [
        { Put: { TableName: 't', Item: key(keys.registration('r')) } },
        {
          Update: {
            TableName: 't',
            Key: key(keys.quota({ competitionId: 'c', unitId: 'u', trackId: 't', groupId: 'g' })),
            UpdateExpression: 'ADD held :one',
          },
        },
        { Delete: { TableName: 't', Key: key(keys.person('c', 't', 'h')) } },
      ],
    });
    expect(parts.map((p) => `${p.kind} ${p.value}`)).toEqual([
      'write REG#r',
      'write QUOTA#c#u#t#g',
      'write PERSON#c#t#h',
    ]);
  });

  it('reads every key of a batch read as an item an index query found', () => {
    expect(
      leadingKeysOf('BatchGetItemCommand', {
        RequestItems: { t: { Keys: [key(keys.registration('r')), key(keys.unit('u'))] } },
      }),
    ).toEqual([
      { kind: 'read', indexed: true, value: 'REG#r' },
      { kind: 'read', indexed: true, value: 'UNIT#u' },
    ]);
  });
});

describe('refusedKeys', () => {
  it('refuses the photo checker every token and claim, and allows its entry and event', () => {
    const checker = spec('photo-checker');
    expect(refusedKeys(checker, [{ kind: 'read', value: 'TOKEN#abc' }])).toHaveLength(1);
    expect(refusedKeys(checker, [{ kind: 'write', value: 'PERSON#c#t#h' }])).toHaveLength(1);
    expect(
      refusedKeys(checker, [
        { kind: 'read', value: 'REG#r' },
        { kind: 'write', value: 'REG#r' },
        { kind: 'write', value: 'OUTBOX#e' },
      ]),
    ).toEqual([]);
  });

  it('refuses the public competitions route any entry, index or write', () => {
    const route = spec('competitions-api');
    expect(refusedKeys(route, [{ kind: 'read', value: 'EDITION#bayu-2023' }])).toEqual([]);
    expect(refusedKeys(route, [{ kind: 'read', value: 'REG#r' }])).toHaveLength(1);
    expect(
      refusedKeys(route, [{ kind: 'read', index: 'byCompetition', value: 'COMP#bayu-2023' }]),
    ).toHaveLength(1);
    expect(refusedKeys(route, [{ kind: 'write', value: 'EDITION#bayu-2023' }])).toHaveLength(1);
  });

  it('holds index queries to the index the partition is declared on', () => {
    const digest = spec('send-digest');
    expect(refusedKeys(digest, [{ kind: 'read', index: 'byCompetition', value: 'DIGESTS#c' }])).toEqual([]);
    expect(refusedKeys(digest, [{ kind: 'read', index: 'byUnit', value: 'COMP#c#UNIT#u' }])).toHaveLength(1);
    expect(refusedKeys(digest, [{ kind: 'read', index: 'byCompetition', value: 'UNITS' }])).toHaveLength(1);
  });

  it('allows batch reads of the kinds of item its index partitions list, and no others', () => {
    const digest = spec('send-digest');
    expect(refusedKeys(digest, [{ kind: 'read', indexed: true, value: 'DIGEST#c#n' }])).toEqual([]);
    expect(refusedKeys(digest, [{ kind: 'read', indexed: true, value: 'REG#r' }])).toEqual([]);
    expect(refusedKeys(digest, [{ kind: 'read', indexed: true, value: 'UNIT#u' }])).toHaveLength(1);
    // Reading a partition item by item does not allow batch reads of it.
    const checker = spec('photo-checker');
    expect(refusedKeys(checker, [{ kind: 'read', indexed: true, value: 'REG#r' }])).toHaveLength(1);
  });

  it('refuses everything to a function without the table, and requests without a key (a scan)', () => {
    expect(refusedKeys(spec('publish-events'), [{ kind: 'read', value: 'OUTBOX#e' }])).toHaveLength(1);
    const scan = leadingKeysOf('ScanCommand', { TableName: 't' } as never);
    expect(refusedKeys(spec('registrations-api'), scan)).toHaveLength(1);
  });
});
