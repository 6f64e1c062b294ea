import { lambdaFunction } from '#functions/lib/event.ts';
import { deadlineDeps } from '#shared/composition.ts';
import { DeadlineAction } from '#shared/domain/deadline-schedule.ts';
import { logger } from '#shared/logging/logger.ts';
import { closeTrack, sendReminders } from '#shared/use-cases/deadlines.ts';
import { endOverride } from '#shared/use-cases/override-ends.ts';

/**
 * Invoked by the deadline schedules with their input: remind before a track's deadline, close it, or settle a
 * unit's entries when its override ends (a schedule made when the override was granted).
 */
export const handler = lambdaFunction(DeadlineAction.parse, async (input) => {
  if (input.action === 'close') {
    const result = await closeTrack(deadlineDeps(), input);
    logger.info('track closed', { ...input, ...result });
  } else if (input.action === 'end-override') {
    const result = await endOverride(deadlineDeps(), input);
    logger.info('override ended', { ...input, ...result });
  } else {
    const result = await sendReminders(deadlineDeps(), input);
    logger.info('reminders sent', { ...input, ...result });
  }
});
