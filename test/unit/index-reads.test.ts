import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { queryIndexPage } from '#shared/adapters/dynamodb/index-reads.ts';

type Item = Record<string, unknown>;
const item = (n: number): Item => ({ pk: `REG#${n}`, sk: 'REG', gsi2pk: 'COMP#c', gsi2sk: `t#${n}`, n });
const keyOf = (i: Item) => ({ pk: i.pk, sk: i.sk });

/**
 * A client whose index holds `indexed` (keys only) and whose table holds `stored`; BatchGet answers in reverse
 * order and leaves the first `unprocessedOnce` keys of its first answer unprocessed, as a throttled table does.
 */
function fakeClient(indexed: Item[], stored: Item[], unprocessedOnce = 0) {
  const batches: number[] = [];
  let throttle = unprocessedOnce;
  const send = async (command: unknown) => {
    if (command instanceof QueryCommand) {
      const limit = command.input.Limit ?? indexed.length;
      const page = indexed.slice(0, limit);
      return {
        Items: page.map((i) => ({ ...keyOf(i), gsi2pk: i.gsi2pk, gsi2sk: i.gsi2sk })),
        ...(limit < indexed.length ? { LastEvaluatedKey: keyOf(page.at(-1) as Item) } : {}),
      };
    }
    if (command instanceof BatchGetCommand) {
      const [[table, { Keys = [] }]] = Object.entries(command.input.RequestItems ?? {}) as [
        [string, { Keys?: Item[] }],
      ];
      batches.push(Keys.length);
      const unprocessed = Keys.slice(0, throttle);
      throttle = 0;
      const asked = Keys.slice(unprocessed.length);
      const found = stored.filter((s) => asked.some((k) => k.pk === s.pk && k.sk === s.sk)).reverse();
      return {
        Responses: { [table]: found },
        ...(unprocessed.length > 0 ? { UnprocessedKeys: { [table]: { Keys: unprocessed } } } : {}),
      };
    }
    throw new Error('unexpected command');
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, batches };
}

const query = { TableName: 't', IndexName: 'byCompetition', KeyConditionExpression: 'gsi2pk = :pk' };

describe('queryIndexPage', () => {
  it("gives the table's items in the index's order, with the query's cursor", async () => {
    const items = [3, 1, 2].map(item);
    const { client } = fakeClient(items, items);
    const page = await queryIndexPage(client, { ...query, Limit: 2 });
    expect(page.items).toEqual([item(3), item(1)]);
    expect(page.lastKey).toEqual(keyOf(item(1)));
  });

  it('leaves out an item deleted after the query found it', async () => {
    const { client } = fakeClient([1, 2, 3].map(item), [1, 3].map(item));
    const page = await queryIndexPage(client, query);
    expect(page.items).toEqual([item(1), item(3)]);
    expect(page.lastKey).toBeUndefined();
  });

  it('reads 100 keys at a time and asks again for the keys left unprocessed', async () => {
    const items = Array.from({ length: 230 }, (_, n) => item(n));
    const { client, batches } = fakeClient(items, items, 7);
    const page = await queryIndexPage(client, query);
    expect(page.items).toEqual(items);
    expect(batches).toEqual([100, 7, 100, 30]);
  });
});
