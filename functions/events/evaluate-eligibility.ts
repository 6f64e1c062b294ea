import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import {
  RegistrationAmended,
  RegistrationRejected,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { eligibilityDeps } from '#shared/composition.ts';
import { handleRegistrationChange } from '#shared/use-cases/eligibility-evaluation.ts';

/** Submitted and amended entries are judged; a withdrawal or rejection only frees the entries it affected. */
const triggers = [
  { contract: RegistrationSubmitted, judge: true },
  { contract: RegistrationAmended, judge: true },
  { contract: RegistrationWithdrawn, judge: false },
  { contract: RegistrationRejected, judge: false },
];

export const evaluateEligibility = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const trigger = triggers.find((t) => t.contract.detailType === event['detail-type']);
  if (!trigger) throw new Error(`evaluate-eligibility does not handle ${event['detail-type']}`);
  const { metadata, data } = trigger.contract.detailSchema.parse(event.detail);
  await handleRegistrationChange(eligibilityDeps(), {
    registrationId: data.registrationId,
    entryVersion: data.entryVersion,
    judge: trigger.judge,
    correlationId: metadata.correlationId,
  });
};

export const handler = middy<EventBridgeEvent<string, unknown>, void>().handler(evaluateEligibility);
