import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** Runs a write that carries a condition: true when it was written, false when its condition did not hold. */
export async function conditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
