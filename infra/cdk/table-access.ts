import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { tableSchema } from '#shared/adapters/dynamodb/table-schema.ts';

/*
 * Table grants written out instead of `table.grantReadData()`: CDK's grants name the indexes as
 * `<table>/index/*` and the key actions as `kms:GenerateDataKey*` / `kms:ReEncrypt*`; here every index and
 * every action is named, and the key may only be used through DynamoDB.
 */

/*
 * Exactly what the adapters in shared/adapters/dynamodb do (test/infra/table-access.test.ts keeps this true):
 * GetCommand and QueryCommand to read; PutCommand and TransactWriteCommand, whose Put, Update and Delete parts
 * are authorised as the single-item actions, to write; ScanCommand for the purge only. DynamoDB Local checks no IAM, so an action missing here
 * would only fail in AWS.
 */
const READ_ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITE_ITEM_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const INDEX_ACTIONS = ['dynamodb:Query'];
/** Only the purge reads the whole table: every item type may hold personal data. */
const SCAN_ACTIONS = ['dynamodb:Scan'];

/** Reading an item of a table encrypted with a customer managed key decrypts the table key. */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
/** Writing may also make DynamoDB encrypt under the key (CDK's write grant, without the wildcard actions). */
export const KEY_WRITE_ACTIONS = [
  ...KEY_READ_ACTIONS,
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/** `purge`: read-write and a scan of the whole table. */
export type TableAccess = 'read' | 'read-write' | 'purge';

export function tableItemActions(access: TableAccess): string[] {
  if (access === 'read') return READ_ITEM_ACTIONS;
  const readWrite = [...READ_ITEM_ACTIONS, ...WRITE_ITEM_ACTIONS];
  return access === 'purge' ? [...readWrite, ...SCAN_ACTIONS] : readWrite;
}

export function indexArns(table: ITable): string[] {
  return tableSchema.indexes.map((index) => `${table.tableArn}/index/${index.name}`);
}

/** Key use limited to requests DynamoDB makes on the caller's behalf, in the region of `scope`. */
export function viaDynamoDb(scope: IConstruct): Record<string, Record<string, unknown>> {
  const stack = Stack.of(scope);
  return { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } };
}

export interface TableGrant {
  readonly table: ITable;
  readonly key: IKey;
  readonly access: TableAccess;
}

/** Least-privilege access to the table's items and indexes, and to its key through DynamoDB only. */
export function grantTable(
  scope: IConstruct,
  grantee: iam.IGrantable,
  { table, key, access }: TableGrant,
): void {
  iam.Grant.addToPrincipal({ grantee, actions: tableItemActions(access), resourceArns: [table.tableArn] });
  iam.Grant.addToPrincipal({ grantee, actions: INDEX_ACTIONS, resourceArns: indexArns(table) });
  iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'read' ? KEY_READ_ACTIONS : KEY_WRITE_ACTIONS,
    resourceArns: [key.keyArn],
    conditions: viaDynamoDb(scope),
  });
}
