/**
 * transactWrite: conflicts with concurrent transactions are retried, failed conditions are answers, anything
 * else is a fault.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { type TransactItem, transactWrite } from '#shared/adapters/dynamodb/transactions.ts';

const ITEMS: TransactItem[] = [
  {
    Put: {
      TableName: 't',
      Item: { pk: 'REG#1', sk: 'REG' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  { Update: { TableName: 't', Key: { pk: 'QUOTA#1', sk: 'QUOTA' }, UpdateExpression: 'ADD held :one' } },
];
/** Attempts transactWrite makes before giving up (MAX_ATTEMPTS in transactions.ts). */
const MAX_ATTEMPTS = 12;

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A client whose send answers from the queue in order: an Error is thrown, anything else is returned. */
function fakeClient(...outcomes: unknown[]) {
  const send = vi.fn(async (_command: unknown) => {
    const next = outcomes.length > 1 ? outcomes.shift() : outcomes[0];
    if (next instanceof Error) throw next;
    return next ?? {};
  });
  return { client: { send } as unknown as DynamoDBDocumentClient, send };
}

const noSleep = () => vi.fn(async (_ms: number) => {});

describe('transactWrite', () => {
  it('sends the items as one TransactWriteCommand and resolves undefined on success', async () => {
    const { client, send } = fakeClient({});
    const sleep = noSleep();

    const result = await transactWrite(client, ITEMS, sleep);

    expect(result).toBeUndefined();
    expect(send).toHaveBeenCalledTimes(1);
    const command = send.mock.calls[0]![0];
    expect(command).toBeInstanceOf(TransactWriteCommand);
    expect((command as TransactWriteCommand).input.TransactItems).toEqual(ITEMS);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('retries on TransactionConflict, then succeeds', async () => {
    const { client, send } = fakeClient(
      cancelled('None', 'TransactionConflict'),
      cancelled('TransactionConflict', 'None'),
      {},
    );
    const sleep = noSleep();

    const result = await transactWrite(client, ITEMS, sleep);

    expect(result).toBeUndefined();
    expect(send).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('waits a bounded, non-negative jittered delay between attempts', async () => {
    const { client } = fakeClient(...Array.from({ length: 8 }, () => cancelled('TransactionConflict')), {});
    const sleep = noSleep();

    await transactWrite(client, ITEMS, sleep);

    const delays = sleep.mock.calls.map(([delay]) => delay);
    expect(delays).toHaveLength(8);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(1000, 20 * 2 ** (i + 1)));
    });
  });

  it('also retries on ThrottlingError', async () => {
    const { client, send } = fakeClient(cancelled('ThrottlingError', 'None'), {});

    await expect(transactWrite(client, ITEMS, noSleep())).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('returns the cancellation codes, aligned with the items, on ConditionalCheckFailed without retrying', async () => {
    const { client, send } = fakeClient(cancelled('None', 'ConditionalCheckFailed'));
    const sleep = noSleep();

    const codes = await transactWrite(client, ITEMS, sleep);

    expect(codes).toEqual([undefined, 'ConditionalCheckFailed']);
    expect(send).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('returns the codes on ConditionalCheckFailed even when another item conflicted', async () => {
    const { client, send } = fakeClient(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    const codes = await transactWrite(client, ITEMS, noSleep());

    expect(codes).toEqual(['ConditionalCheckFailed', 'TransactionConflict']);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('rethrows a cancellation for another reason without retrying', async () => {
    const error = cancelled('None', 'ValidationError');
    const { client, send } = fakeClient(error);
    const sleep = noSleep();

    await expect(transactWrite(client, ITEMS, sleep)).rejects.toBe(error);
    expect(send).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('rethrows errors that are not cancellations without retrying', async () => {
    const error = Object.assign(new Error('Requested resource not found'), {
      name: 'ResourceNotFoundException',
    });
    const { client, send } = fakeClient(error);

    await expect(transactWrite(client, ITEMS, noSleep())).rejects.toBe(error);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up after the maximum number of attempts and throws the last conflict', async () => {
    const error = cancelled('TransactionConflict', 'None');
    const { client, send } = fakeClient(error);
    const sleep = noSleep();

    await expect(transactWrite(client, ITEMS, sleep)).rejects.toBe(error);
    expect(send).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(sleep).toHaveBeenCalledTimes(MAX_ATTEMPTS - 1);
  });
});
