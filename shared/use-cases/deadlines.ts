/**
 * What a track's deadline does, run by the schedules derived from the edition: reminders before it, and the
 * closing itself. Both may run again (schedules retry) and change or send nothing the second time.
 */
import { buildEvent } from '#events/contract.ts';
import { RegistrationExpired, TrackClosed } from '#events/deadline-events.ts';
import { awaitsCrossEntryDecision } from '#shared/domain/eligibility/awaiting-decision.ts';
import { type EntryGaps, reminderMail } from '#shared/domain/mail/templates.ts';
import { expiryGaps, gapWords, missingItems } from '#shared/domain/missing.ts';
import {
  expire,
  type Registration,
  type RegistrationStatus,
  registrationStatuses,
  SYSTEM_ACTOR,
} from '#shared/domain/registration.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { IdHasher } from '#shared/ports/crypto.ts';
import type { DeadlineStore } from '#shared/ports/deadlines.ts';
import { latestOpenOverride } from './deadline-overrides.ts';
import type { NotifyDeps } from './notifications.ts';
import { registrationOutboxEvent } from './registration-outbox.ts';
import { updateRegistration } from './registration-updates.ts';
import { type Outgoing, sendOnce } from './send-mail.ts';
import { byUnit, entriesOfTrack, loadTrack, pagesOfTrack } from './track-entries.ts';

export interface DeadlineDeps extends NotifyDeps {
  deadlines: DeadlineStore;
  hasher: IdHasher;
  newId: () => string;
}

export interface TrackRef {
  competitionId: string;
  trackId: string;
}

export const correlationId = (what: string, ref: TrackRef) =>
  `deadline:${what}:${ref.competitionId}:${ref.trackId}`;

/**
 * Still incomplete when its unit's deadline passes (the closing, or the end of the unit's override), unless all
 * it waits for is the secretariat's decision on a conflict with another entry.
 */
export const incompleteAtDeadline = (r: Registration) =>
  r.status === 'submitted' && !awaitsCrossEntryDecision(r);

/** The entry expires when it is incomplete at closing and was not entered late under an override. */
const expiresAtClosing = (r: Registration, closesAtMs: number) =>
  incompleteAtDeadline(r) && Date.parse(r.createdAt) < closesAtMs;

/**
 * A unit granted an override that is still open waits for its end (override-ends.ts) instead of the closing;
 * asked once per unit of the run.
 */
function waitsForOverride(deadlines: DeadlineStore, ref: TrackRef, nowMs: number) {
  const asked = new Map<string, Promise<boolean>>();
  return (unitId: string): Promise<boolean> => {
    const known = asked.get(unitId);
    if (known) return known;
    const waits = latestOpenOverride(deadlines, ref.competitionId, ref.trackId, unitId, nowMs).then(Boolean);
    asked.set(unitId, waits);
    return waits;
  };
}

/**
 * Closes a track: every entry still incomplete expires (its place and people released, what was missing kept
 * as its reason), then the closure is recorded with TrackClosed, once. Complete entries stay as they are, and
 * so do the entries of a unit whose override is still open: they wait for its end.
 */
export async function closeTrack(
  deps: DeadlineDeps,
  ref: TrackRef,
): Promise<{ expired: number; closedNow: boolean }> {
  const { track } = await loadTrack(deps.editions, ref.competitionId, ref.trackId);
  const now = deps.clock.nowMs();
  const closesAtMs = Date.parse(track.closesAt);
  if (now < closesAtMs) throw new Error(`${ref.trackId} closes at ${track.closesAt}, not before`);

  const waits = waitsForOverride(deps.deadlines, ref, now);
  let expired = 0;
  const counts = Object.fromEntries(registrationStatuses.map((s) => [s, 0])) as Record<
    RegistrationStatus,
    number
  >;
  for await (const page of pagesOfTrack(deps.registrations, ref.competitionId, ref.trackId)) {
    for (const entry of page) {
      const final =
        expiresAtClosing(entry, closesAtMs) && !(await waits(entry.unitId))
          ? await expireEntry(
              deps,
              entry.registrationId,
              (r) => expiresAtClosing(r, closesAtMs),
              correlationId('close', ref),
            )
          : entry;
      if (final?.status === 'expired' && entry.status !== 'expired') expired += 1;
      if (final) counts[final.status] += 1;
    }
  }
  const at = isoAt(now);
  const id = deps.newId();
  const event = buildEvent(
    TrackClosed,
    { competitionId: ref.competitionId, trackId: ref.trackId, closesAt: track.closesAt, counts },
    { id, occurredAt: at, correlationId: correlationId('close', ref) },
  );
  const closedNow = await deps.deadlines.recordClosure(
    { competitionId: ref.competitionId, trackId: ref.trackId, closedAt: at },
    { id, ...event, occurredAt: at },
  );
  return { expired, closedNow };
}

/**
 * Expires one entry, decided again on the stored entry by `expires` (a retried run or a concurrent change
 * leaves it as it is): the same change, event and released place whichever deadline it missed.
 */
export async function expireEntry(
  deps: DeadlineDeps,
  registrationId: string,
  expires: (current: Registration) => boolean,
  correlation: string,
) {
  return updateRegistration(deps.registrations, registrationId, async (current) => {
    if (!expires(current)) return undefined;
    // The entry keeps the words its unit reads; the event, archived long after, only codes and indexes.
    const missing = expiryGaps(current);
    const words = missing.map((gap) => gapWords(current, gap));
    const change = expire(current, words, isoAt(deps.clock.nowMs()));
    const event = registrationOutboxEvent(
      RegistrationExpired,
      change.registration,
      { id: deps.newId(), actor: SYSTEM_ACTOR, correlationId: correlation },
      { missing },
    );
    // Expired entries no longer hold a place (design.md): the place and the people's claims are released.
    return {
      change,
      events: [event],
      releasedPersonHashes: await Promise.all(current.contestants.map((c) => deps.hasher.hash(c.idNumber))),
      releaseQuota: {
        competitionId: current.competitionId,
        unitId: current.unitId,
        trackId: current.trackId,
        groupId: current.groupId,
      },
    };
  });
}

/** One reminder per unit with an incomplete entry in the track, listing each such entry's own gaps. */
export async function sendReminders(
  deps: DeadlineDeps,
  ref: TrackRef & { daysBefore: number },
): Promise<{ sent: number }> {
  const { edition, track } = await loadTrack(deps.editions, ref.competitionId, ref.trackId);
  // A retry that comes after the deadline has nothing left to remind of.
  if (deps.clock.nowMs() >= Date.parse(track.closesAt)) return { sent: 0 };
  const entries = await entriesOfTrack(deps.registrations, ref.competitionId, ref.trackId);
  const outgoing: Outgoing[] = [];
  for (const [unitId, ofUnit] of byUnit(entries)) {
    const gaps: EntryGaps[] = ofUnit
      .filter((r) => r.status === 'submitted')
      .map((registration) => ({ registration, missing: missingItems(registration) }))
      .filter((g) => g.missing.length > 0);
    if (gaps.length === 0) continue;
    const unit = await deps.units.get(unitId);
    if (!unit) continue;
    outgoing.push({
      key: {
        owner: unitId,
        eventKey: `reminder:${ref.competitionId}:${ref.trackId}:${ref.daysBefore}d`,
        to: unit.contact.email,
      },
      mail: reminderMail({ edition, track, unitName: unit.name }, ref.daysBefore, gaps),
    });
  }
  return sendOnce(deps, outgoing);
}
