import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { SummaryPublished } from '#events/summary-events.ts';
import { digestDeps } from '#shared/composition.ts';
import { logger } from '#shared/logging/logger.ts';
import { sendNightlyDigest } from '#shared/use-cases/digest.ts';

/** After a nightly summary is published: the organisers' digest, at most once per night. */
export const sendDigest = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const { data } = SummaryPublished.detailSchema.parse(event.detail);
  const outcome = await sendNightlyDigest(digestDeps(), data);
  logger.info('digest', { competitionId: data.competitionId, night: data.night, outcome });
};

export const handler = middy<EventBridgeEvent<string, unknown>, void>().handler(sendDigest);
