/**
 * What the closing leaves to the secretariat. A conflict with another entry is a judgement call the unit cannot
 * settle on its own (the other entry may be another unit's), so an entry whose only open item is such a review
 * does not expire at the deadline: it waits for the secretariat's decision, which completes or rejects it.
 */
import type { Registration } from '../registration.ts';
import { CROSS_ENTRY_RULES } from './cross-entry.ts';
import { openReviews } from './engine.ts';

/** Submitted, every photo accepted, nothing failed, and every open review is one between entries. */
export function awaitsCrossEntryDecision(r: Registration): boolean {
  if (r.status !== 'submitted' || r.eligibility.status !== 'review') return false;
  if (r.eligibility.entryVersion !== r.entryVersion) return false;
  const open = openReviews(r.eligibility.findings, r.eligibility.review);
  return (
    open.length > 0 &&
    open.every((f) => CROSS_ENTRY_RULES.has(f.rule)) &&
    r.contestants.every((c) => c.photo.status === 'accepted')
  );
}
