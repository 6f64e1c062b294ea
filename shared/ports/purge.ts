/** Ports of the personal-data purge: its progress, the table's items, the bucket's objects. */
import type { PurgeCounts } from '#shared/domain/purge.ts';

/**
 * How far an edition's purge got. `table`: the scan of the table is under way (from `cursor`); `objects`: the
 * bucket's prefixes are being emptied; `report`: the secretariat's report is to be sent; `done`.
 */
export interface PurgeCheckpoint {
  competitionId: string;
  phase: 'table' | 'objects' | 'report' | 'done';
  /** Where the table scan resumes (opaque). */
  cursor?: string;
  /** What was removed or cleared so far, by kind. */
  counts: PurgeCounts;
  startedAt: string;
  finishedAt?: string;
}

/** What one page of the purge applies to. */
export interface PurgeScope {
  competitionId: string;
  /** The purge's start: records not tied to one competition (mail logs, unit contacts) older than it go. */
  startedAt: string;
}

export interface PurgeStore {
  checkpoint(competitionId: string): Promise<PurgeCheckpoint | undefined>;
  saveCheckpoint(checkpoint: PurgeCheckpoint): Promise<void>;
  /**
   * Scans one page of the whole table from `cursor` and removes or clears the personal data of every item in
   * it; repeating a page changes nothing more. `cursor` is absent once the scan is through.
   */
  purgePage(scope: PurgeScope, cursor: string | undefined): Promise<{ counts: PurgeCounts; cursor?: string }>;
}

export interface ObjectPurger {
  /** Deletes one batch of the objects under `prefix`: how many, and whether any may remain. */
  deleteBatch(prefix: string): Promise<{ deleted: number; more: boolean }>;
}
