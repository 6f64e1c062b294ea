import {
  RegistrationAmended,
  RegistrationRejected,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { eventFunction } from '#functions/lib/event.ts';
import { eligibilityDeps } from '#shared/composition.ts';
import { handleRegistrationChange } from '#shared/use-cases/eligibility-evaluation.ts';

/** Submitted and amended entries are judged; a withdrawal or rejection only frees the entries it affected. */
const judged = new Set<string>([RegistrationSubmitted.detailType, RegistrationAmended.detailType]);

export const handler = eventFunction(
  [RegistrationSubmitted, RegistrationAmended, RegistrationWithdrawn, RegistrationRejected],
  async ({ detailType, metadata, data }) => {
    await handleRegistrationChange(eligibilityDeps(), {
      registrationId: data.registrationId,
      entryVersion: data.entryVersion,
      judge: judged.has(detailType),
      correlationId: metadata.correlationId,
    });
  },
);
