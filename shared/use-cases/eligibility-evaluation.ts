/**
 * Evaluates entries against the eligibility rules of their track and stores the result through
 * updateRegistration, with the events it implies: EligibilityEvaluated always, RegistrationRejected (freeing the
 * place and the people) on failure, RegistrationCompleted when nothing else is missing.
 */
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { RegistrationCompleted, RegistrationRejected } from '#events/registration-events.ts';
import { type Edition, findTrack, type Track } from '#shared/domain/edition.ts';
import { CROSS_ENTRY_RULES } from '#shared/domain/eligibility/cross-entry.ts';
import { recordEvaluation, SYSTEM_ACTOR } from '#shared/domain/eligibility/decisions.ts';
import { runRules } from '#shared/domain/eligibility/engine.ts';
import type { OtherEntry, RuleContext } from '#shared/domain/eligibility/findings.ts';
import { peopleKeys } from '#shared/domain/eligibility/people.ts';
import { activeStatuses, type Change, type Registration } from '#shared/domain/registration.ts';
import type { ContestantInput } from '#shared/domain/registration-input.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { IdHasher } from '#shared/ports/crypto.ts';
import type { EligibilityStore } from '#shared/ports/eligibility-store.ts';
import type { EditionStore, RegistrationStore, UnitStore } from '#shared/ports/stores.ts';
import { registrationOutboxEvent } from './registration-outbox.ts';
import { type Decision, updateRegistration } from './registration-updates.ts';

export interface EligibilityDeps {
  registrations: RegistrationStore;
  editions: EditionStore;
  units: UnitStore;
  eligibility: EligibilityStore;
  hasher: IdHasher;
  clock: Clock;
  newId: () => string;
}

/** A change to one entry re-checks at most this many other entries of its track that share a person with it. */
export const NEIGHBOUR_LIMIT = 50;

/** The person index holds keyed hashes only, in their own namespace beside the ID number hashes. */
const personHash = (hasher: IdHasher, key: string) => hasher.hash(`person\n${key}`);
const hashAll = (hasher: IdHasher, values: string[]) => Promise.all(values.map((v) => hasher.hash(v)));

export async function editionAndTrack(
  deps: Pick<EligibilityDeps, 'editions'>,
  r: { competitionId: string; trackId: string },
): Promise<{ edition: Edition; track: Track }> {
  const edition = await deps.editions.get(r.competitionId);
  const track = edition && findTrack(edition, r.trackId);
  if (!edition || !track) throw new Error(`no edition track ${r.competitionId}/${r.trackId}`);
  return { edition, track };
}

/** Indexes of the contestants on the competition's exclusion list (only read where the track applies it). */
async function excludedContestants(
  deps: EligibilityDeps,
  edition: Edition,
  track: Track,
  contestants: readonly ContestantInput[],
): Promise<Set<number>> {
  if (!track.eligibility.rules.includes('exclusions')) return new Set();
  const list = await deps.eligibility.exclusions(edition.id);
  if (!list || list.idHashes.length === 0) return new Set();
  const excluded = new Set(list.idHashes);
  const hashes = await hashAll(
    deps.hasher,
    contestants.map((c) => c.idNumber),
  );
  return new Set(hashes.flatMap((h, i) => (excluded.has(h) ? [i] : [])));
}

/** The other active entries of the track that share a person with this one, from the person index. */
async function othersSharing(deps: EligibilityDeps, r: Registration, track: Track): Promise<OtherEntry[]> {
  if (!track.eligibility.rules.some((id) => CROSS_ENTRY_RULES.has(id))) return [];
  const hashes = await Promise.all(peopleKeys(r).map((k) => personHash(deps.hasher, k)));
  const ids = await deps.eligibility.registrationsSharing(r, hashes, NEIGHBOUR_LIMIT + 1);
  const found = await Promise.all(
    ids.filter((id) => id !== r.registrationId).map((id) => deps.registrations.get(id)),
  );
  return found.flatMap((f) =>
    f && activeStatuses.has(f.registration.status) && f.registration.trackId === r.trackId
      ? [f.registration]
      : [],
  );
}

/** Everything the rules need about an entry: for a draft no registration, so no other entries are looked up. */
export async function ruleContext(
  deps: EligibilityDeps,
  edition: Edition,
  track: Track,
  entry: RuleContext['entry'],
  from: { unitId?: string; registration?: Registration },
): Promise<RuleContext> {
  const unit = from.unitId ? await deps.units.get(from.unitId) : undefined;
  return {
    edition,
    track,
    entry,
    ...(unit ? { unitKind: unit.kind } : {}),
    excludedContestants: await excludedContestants(deps, edition, track, entry.contestants),
    ...(from.registration ? { others: await othersSharing(deps, from.registration, track) } : {}),
  };
}

/** The events and releases a stored eligibility change implies. */
export async function eligibilityDecision(
  deps: Pick<EligibilityDeps, 'hasher' | 'newId'>,
  before: Registration,
  change: Change,
  meta: { decidedBy: 'rules' | 'secretariat'; actor: string; correlationId: string },
): Promise<Decision> {
  const r = change.registration;
  const event = (contract: Parameters<typeof registrationOutboxEvent>[0], extra?: Record<string, unknown>) =>
    registrationOutboxEvent(contract, r, { id: deps.newId(), ...meta }, extra);
  const events = [
    event(EligibilityEvaluated, {
      status: r.eligibility.status,
      decidedBy: meta.decidedBy,
      // Without relatedRegistrationId: an event about one unit's entry names no other unit's entry.
      findings: r.eligibility.findings.map(({ rule, code, outcome, contestantIndex }) => ({
        rule,
        code: code ?? rule,
        outcome,
        ...(contestantIndex === undefined ? {} : { contestantIndex }),
      })),
    }),
  ];
  if (r.status === 'rejected') {
    events.push(event(RegistrationRejected));
    return {
      change,
      events,
      releasedPersonHashes: await hashAll(
        deps.hasher,
        r.contestants.map((c) => c.idNumber),
      ),
      releaseQuota: {
        competitionId: r.competitionId,
        unitId: r.unitId,
        trackId: r.trackId,
        groupId: r.groupId,
      },
    };
  }
  if (r.status === 'complete' && before.status !== 'complete') events.push(event(RegistrationCompleted));
  return { change, events };
}

/**
 * Evaluates the stored entry and stores the result, unless the entry has moved past `entryVersion` (a newer
 * event evaluates it), is no longer active, or already holds this very result.
 */
export async function evaluateEntry(
  deps: EligibilityDeps,
  registrationId: string,
  options: { entryVersion?: number; correlationId: string },
): Promise<Registration | undefined> {
  return updateRegistration(deps.registrations, registrationId, async (current) => {
    if (options.entryVersion !== undefined && current.entryVersion !== options.entryVersion) return undefined;
    if (!activeStatuses.has(current.status)) return undefined;
    const { edition, track } = await editionAndTrack(deps, current);
    const ctx = await ruleContext(deps, edition, track, current, {
      unitId: current.unitId,
      registration: current,
    });
    const change = recordEvaluation(current, runRules(ctx), isoAt(deps.clock.nowMs()));
    if (!change) return undefined;
    return eligibilityDecision(deps, current, change, {
      decidedBy: 'rules',
      actor: SYSTEM_ACTOR,
      correlationId: options.correlationId,
    });
  });
}

export interface RegistrationChange {
  registrationId: string;
  entryVersion: number;
  /** Submitted and amended entries are judged; withdrawn and rejected ones only free their neighbours. */
  judge: boolean;
  correlationId: string;
}

/**
 * Reacts to a change of an entry: records its people in the track's index, judges it, then judges again every
 * other entry of the track that shares (or shared, before an amendment) a person with it. A conflict lands only
 * on the entry whose people changed later (cross-entry.ts), so these re-checks never add a finding to an entry
 * that did not cause it; they clear the findings of a neighbour whose conflict this change ended or took over,
 * and judge a neighbour that raced this entry and missed it. The index is written before anything is judged, so
 * of two entries racing each other at least one sees the other and re-checks it.
 */
export async function handleRegistrationChange(
  deps: EligibilityDeps,
  change: RegistrationChange,
): Promise<void> {
  const found = await deps.registrations.get(change.registrationId);
  if (!found) return;
  const r = found.registration;
  if (r.entryVersion !== change.entryVersion) return; // a newer event for this entry does the work
  const active = activeStatuses.has(r.status);
  const current = active ? await Promise.all(peopleKeys(r).map((k) => personHash(deps.hasher, k))) : [];
  const previous = await deps.eligibility.recordPeople(r.registrationId, r, current);
  if (change.judge) {
    await evaluateEntry(deps, r.registrationId, {
      entryVersion: change.entryVersion,
      correlationId: change.correlationId,
    });
  }
  const neighbours = await deps.eligibility.registrationsSharing(
    r,
    [...new Set([...previous, ...current])],
    NEIGHBOUR_LIMIT + 1,
  );
  for (const id of neighbours.filter((n) => n !== r.registrationId).slice(0, NEIGHBOUR_LIMIT)) {
    await evaluateEntry(deps, id, { correlationId: change.correlationId });
  }
}
