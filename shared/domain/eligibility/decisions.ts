/**
 * Pure state changes of eligibility: recording an evaluation, and the secretariat's review decision. Each
 * returns the Change to store, or undefined when there is nothing to change (which makes redelivery harmless).
 */
import { AppError } from '../errors.ts';
import type { Actor } from '../principal.ts';
import {
  activeStatuses,
  type Change,
  changedPaths,
  type Eligibility,
  type EligibilityFinding,
  type HistoryAction,
  isReadyToComplete,
  type Registration,
} from '../registration.ts';
import { findingKey, judge } from './engine.ts';

/** The actor histories and events name for the automatic checks. */
export const SYSTEM_ACTOR = 'system';

/**
 * Stores an evaluation of the entry's current people. An earlier approval of the same entry version still
 * covers the findings it approved; a new finding under review needs a new decision.
 */
export function recordEvaluation(
  current: Registration,
  findings: EligibilityFinding[],
  at: string,
): Change | undefined {
  if (!activeStatuses.has(current.status)) return undefined;
  const previous = current.eligibility;
  const review = previous.entryVersion === current.entryVersion ? previous.review : undefined;
  const eligibility: Eligibility = {
    status: judge(findings, review),
    findings,
    entryVersion: current.entryVersion,
    evaluatedAt: at,
    ...(review ? { review } : {}),
  };
  const same =
    previous.status === eligibility.status &&
    previous.entryVersion === eligibility.entryVersion &&
    sameFindings(previous.findings, findings);
  if (same) return undefined;
  return withEligibility(current, eligibility, SYSTEM_ACTOR, at, 'eligibility-evaluated');
}

/** Findings hold primitives and a flat record of them (params); a stored copy may list its keys in another order. */
function sameFindings(a: readonly EligibilityFinding[], b: readonly EligibilityFinding[]): boolean {
  return a.length === b.length && a.every((f, i) => sameValue(f, b[i]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => sameValue(x[k], y[k]));
}

/** The secretariat decides an entry in review: approve overrides only the findings under review. */
export function decideReview(
  current: Registration,
  decision: 'approve' | 'reject',
  reason: string,
  by: Actor,
  at: string,
): Change {
  if (!activeStatuses.has(current.status) || current.eligibility.status !== 'review') {
    throw new AppError(
      'INVALID_STATE',
      `the registration is ${current.status} with eligibility ${current.eligibility.status}; only entries in review can be decided`,
    );
  }
  const underReview = current.eligibility.findings.filter((f) => f.outcome === 'review').map(findingKey);
  const review = { decision, reason, ...by, at, findings: underReview };
  const status = decision === 'approve' ? judge(current.eligibility.findings, review) : 'failed';
  const change = withEligibility(
    current,
    { ...current.eligibility, status, review },
    by.actor,
    at,
    'eligibility-reviewed',
  );
  return { ...change, history: { ...change.history, ...by, reason } };
}

/** The entry's status follows its eligibility: failed rejects, passed completes when nothing else is missing. */
function withEligibility(
  current: Registration,
  eligibility: Eligibility,
  actor: string,
  at: string,
  action: HistoryAction,
): Change {
  const next: Registration = { ...current, eligibility, version: current.version + 1, updatedAt: at };
  if (eligibility.status === 'failed') next.status = 'rejected';
  else next.status = isReadyToComplete({ ...next, status: 'submitted' }) ? 'complete' : 'submitted';
  const paths = changedPaths(
    { status: current.status, eligibility: current.eligibility },
    { status: next.status, eligibility: next.eligibility },
  );
  return {
    registration: next,
    history: { version: next.version, action, actor, at, changedPaths: coarse(paths) },
  };
}

/** History names what changed at the level a reader cares about (`/eligibility/findings`, not each leaf). */
const coarse = (paths: string[]) => [...new Set(paths.map((p) => p.split('/').slice(0, 3).join('/')))];
