import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateCounter } from '#shared/ports/rate-limit.ts';
import { conditionalWrite } from './conditional-write.ts';
import { keys } from './keys.ts';

/** Windows outlive their end by this much before TTL removes them, so a late reader never sees a fresh count. */
const EXPIRY_GRACE_SECONDS = 60;

export const RATE_WINDOW_TYPE = 'rate-window';

/** One item per caller and window: a conditional atomic counter, so concurrent instances never exceed it. */
export class DynamoRateCounter implements RateCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  countBelow(callerKey: string, windowStartMs: number, limit: number, windowEndMs: number): Promise<boolean> {
    return conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.rateWindow(callerKey, windowStartMs),
          UpdateExpression: 'ADD hits :one SET expiresAt = :expiresAt, #type = :type',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': RATE_WINDOW_TYPE,
            ':one': 1,
            ':limit': limit,
            ':expiresAt': Math.ceil(windowEndMs / 1000) + EXPIRY_GRACE_SECONDS,
          },
        }),
      ),
    );
  }
}
