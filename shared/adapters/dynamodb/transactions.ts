import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why each item of a cancelled transaction failed, aligned with the items (undefined: not the cause). */
export type CancellationCodes = Array<string | undefined>;

const MAX_ATTEMPTS = 12;

/**
 * Runs a transaction, retrying while it loses to concurrent transactions on the same items (TransactionConflict):
 * under a burst of submissions for one quota counter most attempts conflict, and each conflict is a retry, not
 * an answer. Returns the cancellation codes when a condition failed; throws on anything else.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<CancellationCodes | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => (r.Code === 'None' ? undefined : r.Code));
      if (codes.includes('ConditionalCheckFailed')) return codes;
      const retryable =
        codes.length > 0 &&
        codes.every((c) => c === undefined || c === 'TransactionConflict' || c === 'ThrottlingError');
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
      // Full jitter, growing with each attempt, so the losers spread out instead of colliding again.
      await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}
