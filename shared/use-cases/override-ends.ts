/**
 * The end of a unit's late-entry override, run by the one-time schedule made when it was granted: the unit's
 * entries that are still incomplete expire exactly as they would have at closing, then the end is recorded with
 * OverrideEnded (which mails the unit and the secretariat), once per grant's end. While a later grant of the
 * unit is open, nothing happens: that grant's own schedule settles the entries.
 */
import { buildEvent } from '#events/contract.ts';
import { OverrideEnded } from '#events/deadline-events.ts';
import { type RegistrationStatus, registrationStatuses } from '#shared/domain/registration.ts';
import { isoAt } from '#shared/ports/clock.ts';
import { openAt } from './deadline-overrides.ts';
import {
  correlationId,
  type DeadlineDeps,
  expireEntry,
  incompleteAtDeadline,
  type TrackRef,
} from './deadlines.ts';
import { loadTrack, pagesOfTrack } from './track-entries.ts';

export interface OverrideEndRef extends TrackRef {
  unitId: string;
  /** The `until` of the grant whose end this is. */
  until: string;
}

export interface OverrideEndResult {
  expired: number;
  /** False when the end was recorded before, or no grant ends at `until`, or a later grant is open. */
  endedNow: boolean;
  /** The end of the later grant that is still open, when there is one. */
  waitingUntil?: string;
}

export async function endOverride(deps: DeadlineDeps, ref: OverrideEndRef): Promise<OverrideEndResult> {
  await loadTrack(deps.editions, ref.competitionId, ref.trackId);
  const now = deps.clock.nowMs();
  if (now < Date.parse(ref.until))
    throw new Error(`the override of ${ref.unitId} ends at ${ref.until}, not before`);
  const grants = await deps.deadlines.overridesFor(ref.competitionId, ref.trackId, ref.unitId);
  // A schedule whose grant was never stored (its store failed after scheduling) settles nothing.
  if (!grants.some((g) => g.until === ref.until)) return { expired: 0, endedNow: false };
  const later = openAt(grants, now);
  if (later) return { expired: 0, endedNow: false, waitingUntil: later.until };

  const correlation = `${correlationId('override-end', ref)}:${ref.unitId}:${ref.until}`;
  let expired = 0;
  const counts = Object.fromEntries(registrationStatuses.map((s) => [s, 0])) as Record<
    RegistrationStatus,
    number
  >;
  for await (const page of pagesOfTrack(deps.registrations, ref.competitionId, ref.trackId, ref.unitId)) {
    for (const entry of page) {
      const final = incompleteAtDeadline(entry)
        ? await expireEntry(deps, entry.registrationId, incompleteAtDeadline, correlation)
        : entry;
      if (final?.status === 'expired' && entry.status !== 'expired') expired += 1;
      if (final) counts[final.status] += 1;
    }
  }
  const at = isoAt(now);
  const id = deps.newId();
  const { competitionId, trackId, unitId, until } = ref;
  const event = buildEvent(
    OverrideEnded,
    { competitionId, trackId, unitId, until, counts },
    { id, occurredAt: at, correlationId: correlation },
  );
  const endedNow = await deps.deadlines.recordOverrideEnd(
    { competitionId, trackId, unitId, until, endedAt: at },
    { id, ...event, occurredAt: at },
  );
  return { expired, endedNow };
}
