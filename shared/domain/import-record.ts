/**
 * What an import keeps between its check and its commit. Nothing of the file itself: the problems (their values
 * masked), which rows make which entry, and, until the commit, the bodies of the entries that passed, the least
 * the commit needs to submit them. The record expires a day after the check (IMPORT_TTL_HOURS).
 */
import type { RowProblem } from './import-rows.ts';

/**
 * The record, and with it the bodies of the entries (whole ID numbers and phones), lives at most this long: long
 * enough to fix a file and commit the same day, short enough that a forgotten import holds no personal data
 * beyond it. DynamoDB's TTL deletes it; readers treat it as gone from then on.
 */
export const IMPORT_TTL_HOURS = 24;

export type ImportEntryStatus = 'ready' | 'invalid' | 'created' | 'failed';

export interface ImportEntry {
  /** The track and 队号 (or the track and row) within the file. */
  key: string;
  trackId?: string;
  groupId?: string;
  /** Its rows, contestants in order. */
  rows: number[];
  status: ImportEntryStatus;
  /** The entry the commit created (or had created by an earlier commit of the same import). */
  registrationId?: string;
  /** Why the commit could not create it (the places were taken meanwhile, the person entered elsewhere). */
  problem?: { code: string; message: string };
}

export interface PlacesLeft {
  trackId: string;
  groupId: string;
  /** The unit's places in the group. */
  places: number;
  /** Held by its active entries when the file was checked. */
  taken: number;
}

export interface ImportRecord {
  importId: string;
  competitionId: string;
  unitId: string;
  createdAt: string;
  expiresAt: string;
  state: 'checked' | 'committed';
  committedAt?: string;
  /** The rows read, by row number. */
  rows: number[];
  problems: RowProblem[];
  /** What the secretariat will review but does not stop the entry (an undeclared enrolment, say). */
  notes: RowProblem[];
  entries: ImportEntry[];
  places: PlacesLeft[];
}

/** The body of each ready entry, by its key: kept only until the commit. */
export type ImportSubmissions = Record<string, unknown>;
