/**
 * What people ask of the eligibility checks: a unit validates a draft; the secretariat lists the entries in
 * review, decides one, and uploads the exclusion list.
 */
import * as z from 'zod';
import { findTrack } from '#shared/domain/edition.ts';
import { decideReview } from '#shared/domain/eligibility/decisions.ts';
import { judge, runRules } from '#shared/domain/eligibility/engine.ts';
import { type RenderedFinding, renderFinding } from '#shared/domain/eligibility/messages.ts';
import { AppError } from '#shared/domain/errors.ts';
import { fieldError, finishReport, fromZodIssues } from '#shared/domain/field-errors.ts';
import { invalidRegistration } from '#shared/domain/field-errors-zh.ts';
import { parseIdNumber } from '#shared/domain/id-number.ts';
import { type Principal, recordedActor } from '#shared/domain/principal.ts';
import type { EligibilityStatus, Registration } from '#shared/domain/registration.ts';
import type { FieldError } from '#shared/domain/registration-input.ts';
import { validateRegistrationInput } from '#shared/domain/registration-validation.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { Page } from '#shared/ports/stores.ts';
import { requireSecretariat } from './authenticate.ts';
import { loadEdition } from './competitions.ts';
import {
  type EligibilityDeps,
  eligibilityDecision,
  evaluateEntry,
  ruleContext,
} from './eligibility-evaluation.ts';
import { updateRegistration } from './registration-updates.ts';

export interface DraftVerdict {
  status: Exclude<EligibilityStatus, 'pending'>;
  findings: RenderedFinding[];
  /** The rules between entries run only once the entry is submitted. */
  crossEntryChecked: false;
}

/**
 * Validation and every rule that needs no other entry, on a draft body; stores nothing. An invalid body answers
 * exactly as a submission would (VALIDATION_FAILED with every field error).
 */
export async function validateDraft(
  deps: EligibilityDeps,
  principal: Principal,
  competitionId: string,
  body: unknown,
): Promise<DraftVerdict> {
  const edition = await loadEdition(deps.editions, competitionId);
  const result = validateRegistrationInput(edition, body);
  if (!result.ok) throw invalidRegistration(result.errors, body);
  const track = findTrack(edition, result.value.trackId)!;
  const ctx = await ruleContext(deps, edition, track, result.value, {
    ...(principal.role === 'unit' ? { unitId: principal.unitId } : {}),
  });
  const findings = runRules(ctx);
  return {
    status: judge(findings) as DraftVerdict['status'],
    findings: findings.map(renderFinding),
    crossEntryChecked: false,
  };
}

export async function listReviews(
  deps: EligibilityDeps,
  principal: Principal,
  query: { competitionId: string; trackId?: string; limit: number; cursor?: string },
): Promise<Page<Registration>> {
  requireSecretariat(principal);
  await loadEdition(deps.editions, query.competitionId);
  return deps.eligibility.listInReview(query);
}

export const SearchBody = z.strictObject({ idNumber: z.string() });

/**
 * The active entries of a competition naming a person, found by the whole ID number (the secretariat's search):
 * the number is sent in the body, never in a URL that logs keep, and looked up through the keyed hashes of the
 * people's uniqueness claims, one per track. Withdrawn, rejected and expired entries hold no claim.
 */
export async function searchByIdNumber(
  deps: EligibilityDeps,
  principal: Principal,
  req: { competitionId: string; body: unknown },
): Promise<Registration[]> {
  requireSecretariat(principal);
  const edition = await loadEdition(deps.editions, req.competitionId);
  const refused = (errors: FieldError[]) =>
    new AppError('VALIDATION_FAILED', 'search by a whole, valid ID number', finishReport(errors));
  const parsed = SearchBody.safeParse(req.body);
  if (!parsed.success) throw refused(fromZodIssues(parsed.error.issues));
  const id = parseIdNumber(parsed.data.idNumber);
  if (!id.ok) throw refused([fieldError(['idNumber'], id.code, id.message)]);
  const hash = await deps.hasher.hash(id.value.idNumber);
  const ids = (
    await Promise.all(
      edition.tracks.map((t) =>
        deps.eligibility.claimants({ competitionId: edition.id, trackId: t.id }, [hash]),
      ),
    )
  ).flat();
  const found = await Promise.all(ids.map((registrationId) => deps.registrations.get(registrationId)));
  return found.flatMap((f) => (f ? [f.registration] : []));
}

/** What the secretariat may know of the exclusion list: its size, when and by whom it was replaced; never the numbers. */
export async function exclusionFacts(
  deps: EligibilityDeps,
  principal: Principal,
  competitionId: string,
): Promise<{ competitionId: string; count: number; updatedAt?: string; actor?: string; actorName?: string }> {
  requireSecretariat(principal);
  const edition = await loadEdition(deps.editions, competitionId);
  const list = await deps.eligibility.exclusions(edition.id);
  if (!list) return { competitionId: edition.id, count: 0 };
  const { idHashes, ...facts } = list;
  return { competitionId: edition.id, count: idHashes.length, ...facts };
}

export const ReviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(1).max(500),
});

/** The secretariat's decision on an entry in review, recorded in its history with who, when and why. */
export async function reviewRegistration(
  deps: EligibilityDeps,
  req: { principal: Principal; registrationId: string; body: unknown; correlationId: string },
): Promise<Registration> {
  requireSecretariat(req.principal);
  const parsed = ReviewBody.safeParse(req.body, { reportInput: true });
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'the decision has invalid fields',
      finishReport(fromZodIssues(parsed.error.issues)),
    );
  }
  const { decision, reason } = parsed.data;
  const by = recordedActor(req.principal);
  const stored = await updateRegistration(deps.registrations, req.registrationId, (current) => {
    const change = decideReview(current, decision, reason, by, isoAt(deps.clock.nowMs()));
    // The event names the account by id only: events carry no names (README, "The end of personal data").
    return eligibilityDecision(deps, current, change, {
      decidedBy: 'secretariat',
      actor: by.actor,
      correlationId: req.correlationId,
    });
  });
  if (!stored) throw new AppError('NOT_FOUND', 'no such registration');
  return stored;
}

/** The exclusion list is one item of keyed hashes; 5,000 fits it with room to spare (DynamoDB's 400 KB). */
export const MAX_EXCLUSIONS = 5000;

export const ExclusionsBody = z.strictObject({ idNumbers: z.array(z.string()).max(MAX_EXCLUSIONS) });

/**
 * Replaces a competition's exclusion list (ID numbers kept only as keyed hashes), then judges again the
 * entries of the tracks that apply it whose people joined or left the list.
 */
export async function replaceExclusions(
  deps: EligibilityDeps,
  req: { principal: Principal; competitionId: string; body: unknown; correlationId: string },
): Promise<{ competitionId: string; count: number; updatedAt: string; reevaluated: number }> {
  requireSecretariat(req.principal);
  const edition = await loadEdition(deps.editions, req.competitionId);
  const parsed = ExclusionsBody.safeParse(req.body, { reportInput: true });
  const errors = parsed.success
    ? parsed.data.idNumbers.flatMap((raw, i) => {
        const id = parseIdNumber(raw);
        return id.ok ? [] : [fieldError(['idNumbers', i], id.code, id.message)];
      })
    : fromZodIssues(parsed.error.issues);
  if (!parsed.success || errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'the exclusion list has invalid fields', finishReport(errors));
  }
  const hashes = [
    ...new Set(await Promise.all(parsed.data.idNumbers.map((raw) => deps.hasher.hash(raw.toUpperCase())))),
  ];
  const previous = new Set((await deps.eligibility.exclusions(edition.id))?.idHashes ?? []);
  const updatedAt = isoAt(deps.clock.nowMs());
  await deps.eligibility.putExclusions(edition.id, {
    idHashes: hashes,
    updatedAt,
    ...recordedActor(req.principal),
  });

  const now = new Set(hashes);
  const changed = [...hashes.filter((h) => !previous.has(h)), ...[...previous].filter((h) => !now.has(h))];
  let reevaluated = 0;
  for (const track of edition.tracks.filter((t) => t.eligibility.rules.includes('exclusions'))) {
    const ids = await deps.eligibility.claimants({ competitionId: edition.id, trackId: track.id }, changed);
    for (const id of ids) {
      await evaluateEntry(deps, id, { correlationId: req.correlationId });
      reevaluated += 1;
    }
  }
  return { competitionId: edition.id, count: hashes.length, updatedAt, reevaluated };
}
