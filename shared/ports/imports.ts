/** Where an import's check waits for its commit (shared/adapters/dynamodb/import-store.ts). */
import type { ImportRecord, ImportSubmissions } from '#shared/domain/import-record.ts';

export interface ImportStore {
  /** Stores a checked import with the bodies its commit will submit; both expire at `record.expiresAt`. */
  put(record: ImportRecord, submissions: ImportSubmissions): Promise<void>;
  /** The import, unexpired at `at`; its submissions only while it is not committed. */
  get(
    importId: string,
    at: string,
  ): Promise<{ record: ImportRecord; submissions?: ImportSubmissions } | undefined>;
  /**
   * Records the commit's results and drops the submissions, if the import is still uncommitted; false when
   * another commit recorded its results first.
   */
  markCommitted(record: ImportRecord): Promise<boolean>;
}
