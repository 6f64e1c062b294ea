/**
 * The table grants name DynamoDB actions one by one (infra/cdk/table-access.ts). DynamoDB Local enforces no
 * IAM, so nothing else would notice an adapter starting to use an action the grant lacks until it fails in
 * AWS; this test reads the adapters' source and notices it first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableActions } from '../../infra/cdk/table-access.ts';
import { functions } from '../../infra/system.ts';

const adaptersDir = join(import.meta.dirname, '../../shared/adapters/dynamodb');

/** SDK command → the IAM action it is authorised as (transactions: per part, below). */
const COMMAND_ACTIONS: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  PutCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  TransactWriteCommand: [],
};
const TRANSACTION_PART_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

function actionsUsedByAdapters(): { actions: Set<string>; unknown: string[] } {
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const file of readdirSync(adaptersDir).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(adaptersDir, file), 'utf8');
    for (const [, command] of source.matchAll(/new (\w+Command)\(/g)) {
      const mapped = command === undefined ? undefined : COMMAND_ACTIONS[command];
      if (mapped) for (const action of mapped) actions.add(action);
      else unknown.push(`${file}: ${command}`);
    }
    for (const [, part] of source.matchAll(/\b(Put|Update|Delete|ConditionCheck): \{/g)) {
      if (part !== undefined) actions.add(TRANSACTION_PART_ACTIONS[part] ?? part);
    }
  }
  return { actions, unknown };
}

describe('table grant', () => {
  it('knows every SDK command the DynamoDB adapters send', () => {
    expect(actionsUsedByAdapters().unknown).toEqual([]);
  });

  it('allows every action the DynamoDB adapters use', () => {
    const granted = new Set(
      tableActions({
        read: ['registration'],
        write: ['registration'],
        query: ['competitionEntries'],
        scan: true,
      }),
    );
    const used = [...actionsUsedByAdapters().actions];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((action) => !granted.has(action))).toEqual([]);
  });

  it('allows a scan of the whole table to the purge only', () => {
    const readWrite = { read: ['registration'], write: ['registration'], query: [] } as const;
    expect(tableActions(readWrite)).not.toContain('dynamodb:Scan');
    expect(tableActions({ ...readWrite, scan: true })).toEqual([...tableActions(readWrite), 'dynamodb:Scan']);
    const scanning = functions.filter((spec) => spec.access.table !== 'none' && spec.access.table.scan);
    expect(scanning.map((spec) => spec.name)).toEqual(['purge-personal-data']);
  });

  it('allows only reads to read-only functions', () => {
    expect(tableActions({ read: ['registration'], write: [], query: [] }).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
  });

  it('allows batch reads only to functions that query an index (they read the items it found)', () => {
    expect(tableActions({ read: ['registration'], write: [], query: [] })).not.toContain(
      'dynamodb:BatchGetItem',
    );
    expect(tableActions({ read: [], write: [], query: ['units'] })).toContain('dynamodb:BatchGetItem');
  });
});
