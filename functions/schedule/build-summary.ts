import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { SummaryRequested } from '#events/summary-events.ts';
import { summaryBuildDeps } from '#shared/composition.ts';
import { logger } from '#shared/logging/logger.ts';
import { buildSummary, runNightlySummary } from '#shared/use-cases/summaries.ts';

/** The schedule's input (system.ts): which competition's nightly summary to build. */
const NightlyInput = z.strictObject({ competitionId: z.string().min(1) });

type BuildEvent = EventBridgeEvent<string, unknown> | z.input<typeof NightlyInput>;

/**
 * Builds summaries: the nightly one when the schedule fires, a requested one when SummaryRequested arrives.
 * Either way a repeat is harmless (see the use cases).
 */
export const buildSummaries = async (event: BuildEvent, context: Context): Promise<void> => {
  const correlationId = context.awsRequestId;
  if ('detail-type' in event) {
    const { data } = SummaryRequested.detailSchema.parse(event.detail);
    const summary = await buildSummary(summaryBuildDeps(), { summaryId: data.summaryId, correlationId });
    logger.info('summary built', { summaryId: data.summaryId, state: summary?.state });
    return;
  }
  const { competitionId } = NightlyInput.parse(event);
  const summary = await runNightlySummary(summaryBuildDeps(), { competitionId, correlationId });
  logger.info('nightly summary built', {
    competitionId,
    summaryId: summary?.summaryId,
    state: summary?.state,
  });
};

export const handler = middy<BuildEvent, void>().handler(buildSummaries);
