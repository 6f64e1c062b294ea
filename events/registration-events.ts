import * as z from 'zod';
import { defineEvent } from './contract.ts';

/**
 * Registration lifecycle events. They carry ids and state, never personal data: a consumer that needs the
 * people reads the registration (at the version named here) from the store.
 */
export const RegistrationRef = z.strictObject({
  registrationId: z.string().min(1),
  competitionId: z.string().min(1),
  unitId: z.string().min(1),
  trackId: z.string().min(1),
  groupId: z.string().min(1),
  /** The registration's version after the change. */
  registrationVersion: z.number().int().min(1),
  /** The version of the people entered (changes on submission and amendment only). */
  entryVersion: z.number().int().min(1),
  contestantCount: z.number().int().min(1),
  /**
   * Who made the change: a unit id, a secretariat account id (`secretariat` before accounts), a portal id (a
   * portal acting for the event's unit), or `system`. Never a member's name: events carry ids only.
   */
  actor: z.string().min(1),
});

export const RegistrationSubmitted = defineEvent('RegistrationSubmitted', 1, RegistrationRef);
export const RegistrationAmended = defineEvent('RegistrationAmended', 1, RegistrationRef);
export const RegistrationWithdrawn = defineEvent('RegistrationWithdrawn', 1, RegistrationRef);
export const RegistrationRejected = defineEvent('RegistrationRejected', 1, RegistrationRef);
/** The entry is eligible and every contestant's photo is accepted (status `complete`). */
export const RegistrationCompleted = defineEvent('RegistrationCompleted', 1, RegistrationRef);

export const registrationEvents = [
  RegistrationSubmitted,
  RegistrationAmended,
  RegistrationWithdrawn,
  RegistrationRejected,
  RegistrationCompleted,
] as const;
export type RegistrationEventType = (typeof registrationEvents)[number]['detailType'];
