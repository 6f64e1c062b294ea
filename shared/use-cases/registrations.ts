import type * as z from 'zod';
import type { EventContract } from '#events/contract.ts';
import {
  RegistrationAmended,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { type Edition, findGroup, findTrack, isTrackOpen, type Track } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import { invalidRegistration } from '#shared/domain/field-errors-zh.ts';
import { unmaskAmendment } from '#shared/domain/masked-values.ts';
import { actorOf, type Principal, recordedActor } from '#shared/domain/principal.ts';
import {
  amend,
  type Change,
  type HistoryEntry,
  personChanges,
  type Registration,
  submit,
  withdraw,
} from '#shared/domain/registration.ts';
import type { RegistrationInput } from '#shared/domain/registration-input.ts';
import { validateRegistrationInput } from '#shared/domain/registration-validation.ts';
import { retryOnConflict } from '#shared/lib/retry-on-conflict.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { IdHasher } from '#shared/ports/crypto.ts';
import type { DeadlineStore } from '#shared/ports/deadlines.ts';
import {
  type EditionStore,
  IdempotencyKeyTaken,
  type OutboxEvent,
  type Page,
  type RegistrationStore,
  type StoredRegistration,
  type UnitStore,
} from '#shared/ports/stores.ts';
import { hashBody } from '#shared/security/tokens.ts';
import { loadEdition } from './competitions.ts';
import { hasOpenOverride } from './deadline-overrides.ts';
import { registrationOutboxEvent } from './registration-outbox.ts';
import { assertUnchangedSince } from './version-precondition.ts';

export interface RegistrationDeps {
  registrations: RegistrationStore;
  editions: EditionStore;
  units: UnitStore;
  hasher: IdHasher;
  clock: Clock;
  newId: () => string;
  /** Late-entry overrides of closed tracks; without it, no unit may enter after a deadline. */
  deadlines?: DeadlineStore;
}

/** Facts about the request that are not the body. */
export interface RequestContext {
  principal: Principal;
  correlationId: string;
}

/** Refuses (REGISTRATION_CLOSED) a track that is not open to the unit now: closed, with no late-entry override. */
export async function assertOpen(
  deps: Pick<RegistrationDeps, 'deadlines'>,
  competitionId: string,
  track: Track,
  unitId: string,
  nowMs: number,
): Promise<void> {
  if (!isTrackOpen(track, nowMs)) {
    const closed = nowMs >= Date.parse(track.closesAt);
    if (
      closed &&
      deps.deadlines &&
      (await hasOpenOverride(deps.deadlines, competitionId, track, unitId, nowMs))
    ) {
      return;
    }
    throw new AppError(
      'REGISTRATION_CLOSED',
      closed
        ? `registration for ${track.name} closed at ${track.closesAt}`
        : `registration for ${track.name} opens at ${track.opensAt}`,
    );
  }
}

/**
 * A body naming a closed track is refused as closed before its fields are judged: fixing fields cannot help.
 */
async function validateForOpenTrack(
  deps: RegistrationDeps,
  edition: Edition,
  unitId: string,
  body: unknown,
  nowMs: number,
): Promise<{ input: RegistrationInput; track: Track }> {
  const named =
    typeof body === 'object' && body !== null ? (body as { trackId?: unknown }).trackId : undefined;
  const namedTrack = typeof named === 'string' ? findTrack(edition, named) : undefined;
  if (namedTrack) await assertOpen(deps, edition.id, namedTrack, unitId, nowMs);
  const result = validateRegistrationInput(edition, body);
  if (!result.ok) throw invalidRegistration(result.errors, body);
  const track = findTrack(edition, result.value.trackId)!;
  return { input: result.value, track };
}

export function requireUnit(principal: Principal): string {
  if (principal.role !== 'unit') throw new AppError('FORBIDDEN', 'registrations are submitted by units');
  return principal.unitId;
}

function outboxEvent<T extends string, D extends z.ZodType>(
  deps: RegistrationDeps,
  contract: EventContract<T, D>,
  change: Change,
  ctx: RequestContext,
): OutboxEvent {
  return registrationOutboxEvent(contract, change.registration, {
    id: deps.newId(),
    actor: actorOf(ctx.principal),
    correlationId: ctx.correlationId,
  });
}

const hashAll = (hasher: IdHasher, idNumbers: string[]) =>
  Promise.all(idNumbers.map((id) => hasher.hash(id)));

export interface SubmitRequest extends RequestContext {
  competitionId: string;
  body: unknown;
  /** The raw body text, for idempotency comparison. */
  rawBody: string;
  idempotencyKey?: string;
}

/** Submits an entry; with an Idempotency-Key, a repeat of the same request returns the first entry. */
export async function submitRegistration(
  deps: RegistrationDeps,
  req: SubmitRequest,
): Promise<{ registration: Registration; replayed: boolean }> {
  const unitId = requireUnit(req.principal);
  const edition = await loadEdition(deps.editions, req.competitionId);
  const idempotency = req.idempotencyKey
    ? {
        scope: unitId,
        key: req.idempotencyKey,
        requestHash: hashBody(`${req.competitionId}\n${req.rawBody}`),
      }
    : undefined;
  if (idempotency) {
    const replay = await replayIdempotent(deps, idempotency);
    if (replay) return { registration: replay, replayed: true };
  }
  const now = deps.clock.nowMs();
  const { input, track } = await validateForOpenTrack(deps, edition, unitId, req.body, now);
  const group = findGroup(track, input.groupId)!;
  const unit = await deps.units.get(unitId);
  if (!unit) throw new AppError('FORBIDDEN', 'the unit of this token no longer exists');
  const limit = group.quota[unit.kind] ?? 0;
  if (limit === 0)
    throw new AppError('QUOTA_FULL', `${unit.kind} units have no places in ${track.name} ${group.name}`);

  const change = submit(
    input,
    { registrationId: `reg_${deps.newId()}`, competitionId: edition.id, unitId },
    recordedActor(req.principal),
    isoAt(now),
  );
  try {
    await deps.registrations.create({
      change,
      quota: {
        slot: { competitionId: edition.id, unitId, trackId: track.id, groupId: group.id },
        limit,
      },
      personHashes: await hashAll(
        deps.hasher,
        input.contestants.map((c) => c.idNumber),
      ),
      event: outboxEvent(deps, RegistrationSubmitted, change, req),
      ...(idempotency ? { idempotency } : {}),
    });
  } catch (error) {
    // A concurrent request with the same key won: answer as its repeat.
    if (error instanceof IdempotencyKeyTaken && idempotency) {
      const replay = await replayIdempotent(deps, idempotency);
      if (replay) return { registration: replay, replayed: true };
    }
    throw error;
  }
  return { registration: change.registration, replayed: false };
}

async function replayIdempotent(
  deps: RegistrationDeps,
  claim: { scope: string; key: string; requestHash: string },
): Promise<Registration | undefined> {
  const record = await deps.registrations.findIdempotency(claim.scope, claim.key, isoAt(deps.clock.nowMs()));
  if (!record) return undefined;
  if (record.requestHash !== claim.requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
  }
  const found = await deps.registrations.get(record.registrationId);
  if (!found) throw new Error('idempotency record points to a missing registration');
  return found.registration;
}

/** Reads an entry its caller may see; another unit's entry is NOT_FOUND. */
export async function getRegistration(
  deps: Pick<RegistrationDeps, 'registrations'>,
  principal: Principal,
  registrationId: string,
): Promise<StoredRegistration> {
  const found = await deps.registrations.get(registrationId);
  if (!found || (principal.role === 'unit' && found.registration.unitId !== principal.unitId)) {
    throw new AppError('NOT_FOUND', 'no such registration');
  }
  return found;
}

/** How many of its latest history entries an entry is read with; the rest are paged (registrationHistory). */
export const HISTORY_ON_ENTRY = 20;

/**
 * An entry with its latest history entries and the cursor to the ones before them: a read costs the same however
 * often the entry changed (every photo grant adds one).
 */
export async function readRegistration(
  deps: Pick<RegistrationDeps, 'registrations'>,
  principal: Principal,
  registrationId: string,
): Promise<{ registration: Registration; history: Page<HistoryEntry> }> {
  const { registration } = await getRegistration(deps, principal, registrationId);
  return {
    registration,
    history: await deps.registrations.history(registrationId, { limit: HISTORY_ON_ENTRY }),
  };
}

/** A page of an entry's history, newest page first, for whoever may read the entry. */
export async function registrationHistory(
  deps: Pick<RegistrationDeps, 'registrations'>,
  principal: Principal,
  registrationId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<HistoryEntry>> {
  await getRegistration(deps, principal, registrationId);
  return deps.registrations.history(registrationId, page);
}

export async function listRegistrations(
  deps: Pick<RegistrationDeps, 'registrations' | 'editions'>,
  principal: Principal,
  query: { competitionId: string; unitId?: string; trackId?: string; limit: number; cursor?: string },
): Promise<Page<Registration>> {
  await loadEdition(deps.editions, query.competitionId);
  // A unit lists only its own entries, whatever unitId it asks for.
  const unitId = principal.role === 'unit' ? principal.unitId : query.unitId;
  return deps.registrations.list({ ...query, ...(unitId ? { unitId } : {}) });
}

/** Loads an entry for a change by its owner, refusing other units (NOT_FOUND) and closed tracks. */
export async function loadForChange(
  deps: Pick<RegistrationDeps, 'registrations' | 'editions' | 'clock' | 'deadlines'>,
  ctx: RequestContext,
  registrationId: string,
  expectedVersion?: number,
) {
  const unitId = requireUnit(ctx.principal);
  const { registration: existing } = await getRegistration(deps, ctx.principal, registrationId);
  const edition = await loadEdition(deps.editions, existing.competitionId);
  const track = findTrack(edition, existing.trackId);
  if (!track) throw new Error(`registration ${registrationId} names a track its edition lacks`);
  const now = deps.clock.nowMs();
  await assertOpen(deps, edition.id, track, unitId, now);
  await assertUnchangedSince(deps.registrations, existing, expectedVersion);
  return { existing, edition, now };
}

export interface AmendRequest extends RequestContext {
  registrationId: string;
  body: unknown;
  /** From If-Match: refuse the change if anything but the background checks changed the entry since this version. */
  expectedVersion?: number;
}

export async function amendRegistration(deps: RegistrationDeps, req: AmendRequest): Promise<Registration> {
  // A background check (eligibility, photos) that stored its result between our read and our write is no reason to
  // refuse the change: read again and retry; with If-Match, each try asks assertUnchangedSince again.
  return retryOnConflict(() => amendOnce(deps, req));
}

async function amendOnce(deps: RegistrationDeps, req: AmendRequest): Promise<Registration> {
  const { existing, edition, now } = await loadForChange(deps, req, req.registrationId, req.expectedVersion);
  // Masked numbers sent back as shown stand for the stored ones (masked-values.ts).
  const body = unmaskAmendment(existing, req.body);
  const result = validateRegistrationInput(edition, body);
  if (!result.ok) throw invalidRegistration(result.errors, body);
  const change = amend(existing, result.value, recordedActor(req.principal), isoAt(now));
  const people = personChanges(existing, change.registration);
  await deps.registrations.update({
    change,
    expectedVersion: existing.version,
    addedPersonHashes: await hashAll(deps.hasher, people.added),
    releasedPersonHashes: await hashAll(deps.hasher, people.released),
    events: [outboxEvent(deps, RegistrationAmended, change, req)],
  });
  return change.registration;
}

export interface WithdrawRequest extends RequestContext {
  registrationId: string;
  expectedVersion?: number;
}

/** Withdraws an entry and frees its quota place and its people. Withdrawing twice is not an error. */
export async function withdrawRegistration(deps: RegistrationDeps, req: WithdrawRequest): Promise<void> {
  return retryOnConflict(() => withdrawOnce(deps, req));
}

async function withdrawOnce(deps: RegistrationDeps, req: WithdrawRequest): Promise<void> {
  const { existing, now } = await loadForChange(deps, req, req.registrationId, req.expectedVersion);
  if (existing.status === 'withdrawn') return;
  const change = withdraw(existing, recordedActor(req.principal), isoAt(now));
  await deps.registrations.update({
    change,
    expectedVersion: existing.version,
    addedPersonHashes: [],
    releasedPersonHashes: await hashAll(
      deps.hasher,
      existing.contestants.map((c) => c.idNumber),
    ),
    releaseQuota: {
      competitionId: existing.competitionId,
      unitId: existing.unitId,
      trackId: existing.trackId,
      groupId: existing.groupId,
    },
    events: [outboxEvent(deps, RegistrationWithdrawn, change, req)],
  });
}
