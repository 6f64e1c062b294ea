import { lambdaFunction } from '#functions/lib/event.ts';
import { purgeDeps } from '#shared/composition.ts';
import { PurgeInput } from '#shared/domain/purge.ts';
import { logger } from '#shared/logging/logger.ts';
import { purgePersonalData } from '#shared/use-cases/purge.ts';

/** Invoked by an edition's purge schedule once its personal data is due to go. */
export const handler = lambdaFunction(PurgeInput.parse, async (input, context) => {
  const { outcome, counts } = await purgePersonalData(
    { ...purgeDeps(), timeLeftMs: () => context.getRemainingTimeInMillis() },
    input,
  );
  logger.info('personal data purge', {
    competitionId: input.competitionId,
    outcome,
    counts: JSON.stringify(counts),
  });
  // Failing makes Lambda retry the invocation, which resumes where this one stopped.
  if (outcome === 'unfinished') throw new Error(`the purge of ${input.competitionId} continues on retry`);
});
