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

/** Entries by state. */
const StatusCounts = z.strictObject({
  complete: z.number().int().min(0),
  expired: z.number().int().min(0),
  rejected: z.number().int().min(0),
  withdrawn: z.number().int().min(0),
  submitted: z.number().int().min(0),
});

export const TrackClosed = defineEvent(
  'TrackClosed',
  1,
  z.strictObject({
    competitionId: z.string().min(1),
    trackId: z.string().min(1),
    /** The track's closesAt, as the edition states it. */
    closesAt: z.iso.datetime({ offset: true }),
    /** Entries by state after closing. */
    counts: StatusCounts,
  }),
);

/**
 * A unit's late-entry override ended with no later one open: its entries that were still incomplete expired
 * as they would have at closing (RegistrationExpired each), then this reports the unit's settlement, once.
 */
export const OverrideEnded = defineEvent(
  'OverrideEnded',
  1,
  z.strictObject({
    competitionId: z.string().min(1),
    trackId: z.string().min(1),
    unitId: z.string().min(1),
    /** The `until` of the override that ended. */
    until: z.iso.datetime({ offset: true }),
    /** The unit's entries in the track by state after the end. */
    counts: StatusCounts,
  }),
);

export const deadlineEvents = [RegistrationExpired, TrackClosed, OverrideEnded] as const;
