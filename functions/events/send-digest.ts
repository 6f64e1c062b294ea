import { SummaryPublished } from '#events/summary-events.ts';
import { eventFunction } from '#functions/lib/event.ts';
import { digestDeps } from '#shared/composition.ts';
import { logger } from '#shared/logging/logger.ts';
import { sendNightlyDigest } from '#shared/use-cases/digest.ts';

/** After a nightly summary is published: the organisers' digest, at most once per night. */
export const handler = eventFunction(SummaryPublished, async ({ data }) => {
  const outcome = await sendNightlyDigest(digestDeps(), data);
  logger.info('digest', { competitionId: data.competitionId, night: data.night, outcome });
});
