import type { EventPattern } from '#events/contract.ts';
import { PARTITIONS } from './keys.ts';

/** Only newly written outbox items reach the publisher; everything else on the stream is filtered out. */
export const outboxStreamFilter: EventPattern = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { pk: { S: [{ prefix: PARTITIONS.outbox }] } } },
};
