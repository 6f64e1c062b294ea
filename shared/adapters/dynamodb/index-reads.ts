import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { tableSchema } from './table-schema.ts';

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_KEYS = 100;
/** Unprocessed keys (throttling) are asked for again this many times, waiting longer each time, then it fails. */
const BATCH_GET_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 25;

type Item = Record<string, unknown>;
type Key = Record<string, unknown>;

const { partitionKey: PK, sortKey: SK } = tableSchema;
const keyId = (item: Item) => `${String(item[PK])}\u0000${String(item[SK])}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One page of an index query, as the table's items in the index's order. The indexes project keys only (an
 * index copy of the whole item would be paid again on every change of it, see table-schema.ts), so the page's
 * keys are read from the table. An item deleted between the two reads is left out; the page's cursor is the
 * query's, so paging is unaffected.
 */
export async function queryIndexPage(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput & { TableName: string; IndexName: string },
): Promise<{ items: Item[]; lastKey?: Key }> {
  const page = await client.send(new QueryCommand(input));
  const keys = (page.Items ?? []).map((i) => ({ [PK]: i[PK], [SK]: i[SK] }));
  const found = await batchGet(client, input.TableName, keys);
  const items = keys.flatMap((k): Item[] => {
    const item = found.get(keyId(k));
    return item ? [item] : [];
  });
  return { items, ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}) };
}

/** Every item an index partition lists, page after page: for the short lists (a unit's keys, the accounts). */
export async function queryIndexAll(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput & { TableName: string; IndexName: string },
): Promise<Item[]> {
  const items: Item[] = [];
  let lastKey: Key | undefined;
  do {
    const page = await queryIndexPage(client, { ...input, ExclusiveStartKey: lastKey });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey);
  return items;
}

async function batchGet(
  client: DynamoDBDocumentClient,
  table: string,
  keys: Key[],
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  for (let start = 0; start < keys.length; start += BATCH_GET_KEYS) {
    let pending: Key[] = keys.slice(start, start + BATCH_GET_KEYS);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === BATCH_GET_ATTEMPTS)
        throw new Error(`batch read: ${pending.length} keys left unprocessed`);
      if (attempt > 0) await sleep(BACKOFF_BASE_MS * 2 ** attempt * (0.5 + Math.random()));
      const result = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      for (const item of result.Responses?.[table] ?? []) found.set(keyId(item), item);
      pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return found;
}
