import { missingItems } from '#shared/domain/missing.ts';
import type { RegistrationView } from './types.ts';

/**
 * What an entry still lacks, in the words the reminders use. The view has no birth dates (never shown to
 * units) and the gaps need none: the contestants are passed without them.
 */
export const lacksOf = (r: RegistrationView): string[] =>
  r.status === 'submitted'
    ? missingItems({
        eligibility: r.eligibility,
        contestants: r.contestants.map((c) => ({ ...c, birthDate: '' })),
      })
    : [];
