/**
 * Counts the write units DynamoDB reports for every write on the shared document client: each write asks for
 * its ConsumedCapacity and the meter keeps what came back, with the partitions the write reached. It asks for
 * INDEXES, whose total is the table's units plus each index's: DynamoDB Local's TOTAL leaves out the index units
 * of some transactions (a registration update with an outbox insert: 6 against 8 for the table and 2 for the
 * index), which would make the sum look cheaper than it is.
 */
import type { AttributeValue, ConsumedCapacity, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

export interface MeteredWrite {
  command: string;
  /** The partition-key prefixes written (`REG#`, `OUTBOX#`, ...). */
  partitions: string[];
  writeUnits: number;
}

interface Input {
  Item?: Record<string, AttributeValue | string>;
  Key?: Record<string, AttributeValue | string>;
  TransactItems?: TransactWriteItem[];
  ReturnConsumedCapacity?: string;
}

/** The middleware sees the input before the document client marshals it: a key is a plain string or `{S}`. */
const prefixOf = (key: Record<string, AttributeValue | string> | undefined) => {
  const pk = key?.pk;
  return (typeof pk === 'string' ? pk : (pk?.S ?? '?')).replace(/#.*$/, '#');
};

function partitionsOf(input: Input): string[] {
  if (input.TransactItems) {
    return input.TransactItems.map((part) =>
      prefixOf((part.Put?.Item ?? (part.Update ?? part.Delete ?? part.ConditionCheck)?.Key) as Input['Key']),
    );
  }
  return [prefixOf(input.Item ?? input.Key)];
}

const unitsOf = (consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
    (sum, c) => sum + (c.CapacityUnits ?? c.WriteCapacityUnits ?? 0),
    0,
  );

export function meterWrites(client: DynamoDBDocumentClient) {
  const writes: MeteredWrite[] = [];
  let lastWriteAt = performance.now();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!WRITES.has(command)) return next(args);
      const input = args.input as Input;
      input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      writes.push({ command, partitions: partitionsOf(input), writeUnits: unitsOf(output.ConsumedCapacity) });
      lastWriteAt = performance.now();
      return result;
    },
    // Before the serializer, which writes the request's body from the (marshalled) input.
    { step: 'serialize', priority: 'high', name: 'writeMeter', override: true },
  );
  return {
    writes,
    /** Milliseconds since the last metered write. */
    quietFor: () => performance.now() - lastWriteAt,
    reset: () => writes.splice(0),
  };
}
