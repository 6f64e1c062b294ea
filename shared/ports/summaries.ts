/** Ports of the summary feature: where summaries are recorded and where their workbooks are stored. */
import type { Sheet } from '#shared/domain/sheet.ts';
import type { Summary } from '#shared/domain/summary.ts';
import type { OutboxEvent } from './stores.ts';

/** One night's digest of a competition, and the instant its figures describe. */
export interface DigestClaim {
  competitionId: string;
  night: string;
  asOf: string;
}

export interface SummaryStore {
  /** Stores a new summary with its event; false when one with that id exists already. */
  create(summary: Summary, event?: OutboxEvent): Promise<boolean>;
  get(summaryId: string): Promise<Summary | undefined>;
  /** A competition's latest `limit` summaries, nightly and requested, the latest request first. */
  latest(competitionId: string, limit: number): Promise<Summary[]>;
  /** Marks the summary ready with its files and event; false when it was ready already (a repeat build). */
  complete(summary: Summary, event: OutboxEvent): Promise<boolean>;
  /**
   * Takes the build at `at`: `started` when the summary was requested or failed, or held by an attempt that
   * started before `staleBefore` (its builder died); `ready` when it is built; `held` while another attempt,
   * younger than that, holds it.
   */
  startBuilding(summaryId: string, at: string, staleBefore: string): Promise<'started' | 'ready' | 'held'>;
  /** Records a failed build attempt; a summary that is ready already stays as it is. */
  markFailed(summaryId: string, at: string): Promise<void>;
  /** The latest ready nightly summary whose as-of instant is before `before`. */
  previousNightly(competitionId: string, before: string): Promise<Summary | undefined>;
  /**
   * Claims the digest of one night at `at` (a conditional put): `claimed` for the first caller; `sent` once a
   * claim was marked sent; `held` while another claim is younger than `staleBefore` (its sender may be at
   * work). An older unsent claim lost its sender and is taken over.
   */
  claimDigest(claim: DigestClaim, at: string, staleBefore: string): Promise<'claimed' | 'sent' | 'held'>;
  /** Marks the night's digest sent, if the claim made at `claimedAt` still holds it; its `asOf` then starts the next "since". */
  markDigestSent(claim: DigestClaim, claimedAt: string, at: string): Promise<void>;
  /** Gives back the claim made at `claimedAt` (when sending failed), so a retry may send. */
  releaseDigest(claim: DigestClaim, claimedAt: string): Promise<void>;
  /** The as-of instant of the latest digest sent before `before`. */
  previousDigest(competitionId: string, before: string): Promise<string | undefined>;
}

/** Writing workbooks (apart from reading them, so that only the builder carries the spreadsheet library). */
export interface WorkbookStorage {
  /** Writes the sheets, in order, as one xlsx object under `key`; resolves with its size. */
  writeWorkbook(key: string, sheets: AsyncIterable<Sheet>): Promise<{ bytes: number }>;
  /** Deletes workbooks no summary points at (a build attempt that lost the race, or failed half-way). */
  removeWorkbooks(keys: string[]): Promise<void>;
}

export interface SummaryFiles {
  read(key: string): Promise<Uint8Array>;
  /** A short-lived GET URL that downloads the object as `fileName`. */
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}
