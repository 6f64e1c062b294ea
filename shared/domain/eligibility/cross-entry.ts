/**
 * Conflicts between two entries of a track (an advisor who competes elsewhere, an employee contestant who
 * advises students elsewhere) are matched by name and phone, which anyone can type. So the finding lands on the
 * entry whose change made the match: the one whose people changed later. The earlier entry, which may well be
 * another unit's finished one, is never touched by it; the secretariat sees the conflict through the later entry.
 */
import type { EntryPeople, OtherEntry } from './findings.ts';

/** The rules that judge an entry against the other entries of its track. */
export const CROSS_ENTRY_RULES: ReadonlySet<string> = new Set([
  'advisor-not-contestant',
  'employee-not-student-advisor',
]);

/** When an entry's people were last entered; entries stored before this was recorded count from submission. */
export const peopleChangedAt = (entry: {
  peopleChangedAt?: string;
  createdAt?: string;
}): string | undefined => entry.peopleChangedAt ?? entry.createdAt;

/**
 * Whether `entry` answers for a conflict with `other`: its people changed later, or at the same instant and its
 * id sorts after (so exactly one of two entries does). A draft, which has no id or instant yet, always answers.
 */
export function answersForConflict(entry: EntryPeople, other: OtherEntry): boolean {
  const mine = peopleChangedAt(entry);
  const theirs = peopleChangedAt(other);
  if (mine === undefined || entry.registrationId === undefined || theirs === undefined) return true;
  const [a, b] = [Date.parse(mine), Date.parse(theirs)];
  return a !== b ? a > b : entry.registrationId > other.registrationId;
}

/** The other entries sharing a person that this entry answers for. */
export const conflictsAnsweredBy = (entry: EntryPeople, others: readonly OtherEntry[] | undefined) =>
  (others ?? []).filter((other) => answersForConflict(entry, other));
