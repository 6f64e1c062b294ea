import * as z from 'zod';
import { defineEvent } from './contract.ts';
import { RegistrationRef } from './registration-events.ts';

/**
 * What a track's deadline does: each entry still incomplete expires (RegistrationExpired), then the track is
 * reported closed (TrackClosed) once every entry is settled. Ids, codes and counts only, never personal data:
 * the event archive keeps events for 400 days.
 */

/** What can still be missing at a deadline; shared/domain/missing.ts finds each and renders it in words. */
export const gapCodes = [
  'ELIGIBILITY_PENDING',
  'ELIGIBILITY_REVIEW',
  'ELIGIBILITY_FAILED',
  'PHOTO_MISSING',
  'PHOTO_PENDING',
  'PHOTO_REJECTED',
  /** Nothing listed is missing, yet the entry was not complete at the deadline. */
  'NOT_COMPLETED',
] as const;

/** One thing still missing at the deadline: a code and, for a photo, whose. */
const MissingItem = z.strictObject({
  code: z.enum(gapCodes),
  contestantIndex: z.number().int().min(0).optional(),
  /** A rejected photo's reason codes (e.g. BACKGROUND_NOT_RED). */
  photoReasons: z.array(z.string().min(1)).optional(),
});

/** Version 2: what was missing as codes and contestant indexes; a consumer renders words from the stored entry. */
const ExpiredV2 = RegistrationRef.extend({ missing: z.array(MissingItem).min(1) });

/** Version 1 carried the reasons in words, contestants' names included; archived events of it still parse. */
const ExpiredV1 = RegistrationRef.extend({ reasons: z.array(z.string().min(1)).min(1) });

export const RegistrationExpired = defineEvent('RegistrationExpired', 2, z.union([ExpiredV2, ExpiredV1]));

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
