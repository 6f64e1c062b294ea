import * as z from 'zod';
import { defineEvent } from './contract.ts';
import { RegistrationRef } from './registration-events.ts';

/**
 * The outcome of an eligibility evaluation or of the secretariat's review decision. Findings travel without
 * their messages (a consumer that needs them reads the registration); no personal data.
 */
export const EligibilityEvaluated = defineEvent(
  'EligibilityEvaluated',
  1,
  RegistrationRef.extend({
    status: z.enum(['passed', 'failed', 'review']),
    /** `rules` for an automatic evaluation, `secretariat` for a review decision. */
    decidedBy: z.enum(['rules', 'secretariat']),
    findings: z.array(
      z.strictObject({
        rule: z.string().min(1),
        code: z.string().min(1),
        outcome: z.enum(['passed', 'failed', 'review']),
        contestantIndex: z.number().int().min(0).optional(),
        /** No longer sent (it named another unit's entry); events archived with it still parse. */
        relatedRegistrationId: z.string().min(1).optional(),
      }),
    ),
  }),
);
