import { z } from 'zod';
import { defineEvent } from './contract.ts';
import { RegistrationRef } from './registration-events.ts';

/**
 * What a track's deadline does: each entry still incomplete expires (RegistrationExpired), then the track is
 * reported closed (TrackClosed) once every entry is settled. Ids and counts only, never personal data.
 */
export const RegistrationExpired = defineEvent(
  'RegistrationExpired',
  1,
  RegistrationRef.extend({
    /** What was still missing at the deadline, in the words the unit is shown. */
    reasons: z.array(z.string().min(1)).min(1),
  }),
);

export const TrackClosed = defineEvent(
  'TrackClosed',
  1,
  z.strictObject({
    competitionId: z.string().min(1),
    trackId: z.string().min(1),
    /** The track's closesAt, as the edition states it. */
    closesAt: z.iso.datetime({ offset: true }),
    /** Entries by state after closing. */
    counts: z.strictObject({
      complete: z.number().int().min(0),
      expired: z.number().int().min(0),
      rejected: z.number().int().min(0),
      withdrawn: z.number().int().min(0),
      submitted: z.number().int().min(0),
    }),
  }),
);

export const deadlineEvents = [RegistrationExpired, TrackClosed] as const;
