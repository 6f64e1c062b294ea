/**
 * The table grants of infra/system.ts, enforced locally. DynamoDB Local checks no IAM, so without this a function
 * could use a partition its spec does not declare and only fail in AWS. Each invocation runs with its spec in an
 * async context; a middleware on the shared DynamoDB client checks every request's partition keys against that
 * spec the way the `dynamodb:LeadingKeys` grants do, and refuses what they would refuse.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INDEX_PARTITIONS, PARTITIONS } from '#shared/adapters/dynamodb/keys.ts';
import { tableSchema } from '#shared/adapters/dynamodb/table-schema.ts';
import type { FunctionSpec, TableAccess } from '../system.ts';

type Kind = 'read' | 'write';

/**
 * One partition key a request reaches, and how (an index query names the index; a batch read of the items an
 * index query found is `indexed`).
 */
export interface LeadingKey {
  kind: Kind;
  index?: string;
  indexed?: true;
  value: string;
}

const invocation = new AsyncLocalStorage<FunctionSpec>();

/** Runs `body` (an invocation of the function `spec` describes) under that spec's table grants. */
export function runAsFunction<T>(spec: FunctionSpec, body: () => T): T {
  return invocation.run(spec, body);
}

type Item = Record<string, AttributeValue>;

/** How a scan is named among the leading keys: it has none, and only a spec with `scan` may send one. */
const SCAN = '(scan)';

/** The parts of a (marshalled) request that name partition keys. */
interface Input {
  Key?: Item;
  Item?: Item;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
  TransactItems?: TransactWriteItem[];
  RequestItems?: Record<string, { Keys?: Item[] }>;
}

const stringOf = (value: AttributeValue | undefined): string => value?.S ?? '';

/** The partition-key value a key condition compares for equality, e.g. `#pk = :pk` or `gsi2pk = :pk`. */
function keyConditionValue(input: Input, partitionKey: string): string {
  const names: Record<string, string> = input.ExpressionAttributeNames ?? {};
  for (const [, name = '', placeholder = ''] of (input.KeyConditionExpression ?? '').matchAll(
    /([#\w]+)\s*=\s*(:\w+)/g,
  )) {
    if ((names[name] ?? name) === partitionKey)
      return stringOf(input.ExpressionAttributeValues?.[placeholder]);
  }
  return '';
}

/** The leading keys of one request as DynamoDB authorises it (marshalled input, SDK command name). */
export function leadingKeysOf(command: string, input: Input): LeadingKey[] {
  const pk = tableSchema.partitionKey;
  switch (command) {
    case 'GetItemCommand':
      return [{ kind: 'read', value: stringOf(input.Key?.[pk]) }];
    case 'PutItemCommand':
      return [{ kind: 'write', value: stringOf(input.Item?.[pk]) }];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [{ kind: 'write', value: stringOf(input.Key?.[pk]) }];
    case 'QueryCommand': {
      const index = tableSchema.indexes.find((i) => i.name === input.IndexName);
      if (!index) return [{ kind: 'read', value: keyConditionValue(input, pk) }];
      return [{ kind: 'read', index: index.name, value: keyConditionValue(input, index.partitionKey) }];
    }
    case 'TransactWriteItemsCommand':
      // Each part is authorised as its single-item action, with its own item's key.
      return (input.TransactItems ?? []).map((part): LeadingKey => {
        const item = part.Put?.Item ?? (part.Update ?? part.Delete ?? part.ConditionCheck)?.Key;
        return { kind: part.ConditionCheck ? 'read' : 'write', value: stringOf(item?.[pk]) };
      });
    case 'BatchGetItemCommand':
      return Object.values(input.RequestItems ?? {}).flatMap(({ Keys = [] }) =>
        Keys.map((key): LeadingKey => ({ kind: 'read', indexed: true, value: stringOf(key[pk]) })),
      );
    case 'ScanCommand':
      return [{ kind: 'read', index: SCAN, value: '' }];
    default:
      // Batch writes and the rest are granted to no function.
      return [{ kind: 'read', index: `(${command})`, value: '' }];
  }
}

/** The prefixes `access` allows for a key of this kind (and index). */
function allowedPrefixes(access: TableAccess, key: LeadingKey): string[] {
  // As infra/cdk/table-access.ts grants BatchGetItem: on the kinds of item the function's index partitions list.
  if (key.indexed) return access.query.map((name) => PARTITIONS[INDEX_PARTITIONS[name].items]);
  if (key.index) {
    return access.query
      .map((name) => INDEX_PARTITIONS[name])
      .filter((p) => p.index === key.index)
      .map((p) => p.prefix);
  }
  return access[key.kind].map((name) => PARTITIONS[name]);
}

/** The keys of a request that the spec's grants do not cover (none: allowed). */
export function refusedKeys(spec: FunctionSpec, keys: LeadingKey[]): LeadingKey[] {
  const access = spec.access.table;
  if (access === 'none') return keys;
  if (access.scan && keys.every((key) => key.index === SCAN)) return [];
  return keys.filter(
    (key) => !key.value || !allowedPrefixes(access, key).some((prefix) => key.value.startsWith(prefix)),
  );
}

/** Installs the check on the client every adapter shares; requests outside an invocation (seeding) pass. */
export function guardTable(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const spec = invocation.getStore();
      if (spec) {
        const refused = refusedKeys(spec, leadingKeysOf(context.commandName ?? '', args.input as Input));
        if (refused.length > 0) {
          const what = refused.map(
            (k) => `${k.kind} ${k.value.split('#')[0]}#…${k.index ? ` on ${k.index}` : ''}`,
          );
          const error = new Error(
            `${spec.name} is not allowed ${context.commandName} (${what.join(', ')}): declare the partition ` +
              'in its access.table in infra/system.ts',
          );
          error.name = 'AccessDeniedException';
          throw error;
        }
      }
      return next(args);
    },
    { step: 'build', name: 'localTableGuard', override: true },
  );
}
