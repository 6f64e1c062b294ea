import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { INDEX_PARTITIONS, PARTITIONS } from '#shared/adapters/dynamodb/keys.ts';
import { tableSchema } from '#shared/adapters/dynamodb/table-schema.ts';
import type { TableAccess } from '../system.ts';

/*
 * Table grants written out instead of `table.grantReadData()`: CDK's grants name the indexes as
 * `<table>/index/*` and the key actions as `kms:GenerateDataKey*` / `kms:ReEncrypt*`; here every index and
 * every action is named, and the key may only be used through DynamoDB.
 */

/*
 * Exactly what the adapters in shared/adapters/dynamodb do (test/infra/table-access.test.ts keeps this true):
 * GetCommand and QueryCommand to read; PutCommand and TransactWriteCommand, whose Put, Update and Delete parts
 * are authorised as the single-item actions, to write; BatchGetCommand to read the items an index query found
 * (the indexes hold keys only). DynamoDB Local checks no IAM, so an action missing here would only fail in AWS.
 */
const READ_ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITE_ITEM_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const INDEX_ACTIONS = ['dynamodb:Query'];
/** Granted on the kinds of item a function's index partitions list, and no others (INDEX_PARTITIONS.items). */
const INDEX_ITEM_ACTIONS = ['dynamodb:BatchGetItem'];
/** A scan names no partition, so no `dynamodb:LeadingKeys` condition limits it (TableAccess.scan). */
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

/** Every table action the grants of `access` allow, whatever the partition. */
export function tableActions(access: TableAccess): string[] {
  return [
    ...(access.read.length > 0 || access.query.length > 0 ? READ_ITEM_ACTIONS : []),
    ...(access.write.length > 0 ? WRITE_ITEM_ACTIONS : []),
    ...(access.query.length > 0 ? INDEX_ITEM_ACTIONS : []),
    ...(access.scan ? SCAN_ACTIONS : []),
  ];
}

/** Key use limited to requests DynamoDB makes on the caller's behalf, in the region of `scope`. */
export function viaDynamoDb(scope: IConstruct): Record<string, Record<string, unknown>> {
  const stack = Stack.of(scope);
  return { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } };
}

/**
 * Only requests whose every partition key starts with one of `prefixes`. `ForAllValues` is what DynamoDB asks
 * for with this key; it also holds for a request without leading keys (a Scan), which is why no grant here
 * includes an action that has none. Transaction parts are authorised one by one as the single-item actions, each
 * with its own item's key; a query on an index carries the index's partition key, hence the index patterns.
 */
export function leadingKeys(prefixes: readonly string[]): Record<string, Record<string, string[]>> {
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) } };
}

/** The partition prefixes of the items the index partitions of `access` list, each once. */
const indexItemPrefixes = (access: TableAccess): string[] => [
  ...new Set(access.query.map((p) => PARTITIONS[INDEX_PARTITIONS[p].items])),
];

export interface TableGrant {
  readonly table: ITable;
  readonly key: IKey;
  readonly access: TableAccess;
}

/**
 * Least-privilege access to the partitions a spec declares: reads, writes and index queries each limited to
 * their prefixes, and the key through DynamoDB only (encrypting only for functions that write).
 */
export function grantTable(
  scope: IConstruct,
  grantee: iam.IGrantable,
  { table, key, access }: TableGrant,
): void {
  const grant = (actions: string[], resourceArns: string[], prefixes: readonly string[]) => {
    if (prefixes.length > 0) {
      iam.Grant.addToPrincipal({ grantee, actions, resourceArns, conditions: leadingKeys(prefixes) });
    }
  };
  grant(
    READ_ITEM_ACTIONS,
    [table.tableArn],
    access.read.map((p) => PARTITIONS[p]),
  );
  grant(
    WRITE_ITEM_ACTIONS,
    [table.tableArn],
    access.write.map((p) => PARTITIONS[p]),
  );
  grant(INDEX_ITEM_ACTIONS, [table.tableArn], indexItemPrefixes(access));
  for (const index of tableSchema.indexes) {
    const partitions = access.query.map((p) => INDEX_PARTITIONS[p]).filter((p) => p.index === index.name);
    grant(
      INDEX_ACTIONS,
      [`${table.tableArn}/index/${index.name}`],
      partitions.map((p) => p.prefix),
    );
  }
  if (access.scan)
    iam.Grant.addToPrincipal({ grantee, actions: SCAN_ACTIONS, resourceArns: [table.tableArn] });
  iam.Grant.addToPrincipal({
    grantee,
    actions: access.write.length > 0 ? KEY_WRITE_ACTIONS : KEY_READ_ACTIONS,
    resourceArns: [key.keyArn],
    conditions: viaDynamoDb(scope),
  });
}
