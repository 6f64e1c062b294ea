import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { SummaryRequested } from '#events/summary-events.ts';
import { lambdaFunction } from '#functions/lib/event.ts';
import { summaryBuildDeps } from '#shared/composition.ts';
import { logger } from '#shared/logging/logger.ts';
import { buildSummary, runNightlySummary } from '#shared/use-cases/summaries.ts';

/** The schedule's input (system.ts): which competition's nightly summary to build. */
const NightlyInput = z.strictObject({ competitionId: z.string().min(1) });

type BuildEvent = EventBridgeEvent<string, unknown> | z.input<typeof NightlyInput>;

/** A SummaryRequested event names the summary to build; the schedule's input, the competition. */
const parse = (event: BuildEvent) =>
  'detail-type' in event
    ? { summaryId: SummaryRequested.detailSchema.parse(event.detail).data.summaryId }
    : NightlyInput.parse(event);

/**
 * Builds summaries: the nightly one when the schedule fires, a requested one when SummaryRequested arrives.
 * Either way a repeat is harmless (see the use cases).
 */
export const handler = lambdaFunction(parse, async (input, context) => {
  const correlationId = context.awsRequestId;
  if ('summaryId' in input) {
    const summary = await buildSummary(summaryBuildDeps(), { summaryId: input.summaryId, correlationId });
    logger.info('summary built', { summaryId: input.summaryId, state: summary?.state });
    return;
  }
  const { competitionId } = input;
  const summary = await runNightlySummary(summaryBuildDeps(), { competitionId, correlationId });
  logger.info('nightly summary built', {
    competitionId,
    summaryId: summary?.summaryId,
    state: summary?.state,
  });
});
