/**
 * A summary: the set of workbooks built for a competition at one instant, nightly or on the secretariat's
 * request, and where they are stored.
 */
import type { Edition } from './edition.ts';
import { localDay } from './labels-zh.ts';

export type SummaryKind = 'nightly' | 'on-demand';
/**
 * `building`: an attempt holds the build (since `buildingSince`). `failed`: the last attempt failed. Lambda
 * retries a build, so a failed summary may still become ready; a ready one stays ready.
 */
export type SummaryState = 'requested' | 'building' | 'failed' | 'ready';

/**
 * How long a claim (a summary's build, a night's digest) holds, given its holder's time limit: one held longer
 * lost its holder (a function is stopped at its timeout), so another attempt may take it over. Lambda retries a
 * failed invocation a minute or more after it failed, past this lease.
 */
export const claimLeaseMs = (holderTimeoutSeconds: number): number => (holderTimeoutSeconds + 30) * 1000;

export interface SummaryFile {
  /** A track id, or `all` for the whole competition. */
  scope: string;
  /** The file name people see (download, attachment). */
  fileName: string;
  /** Object key in the bucket. */
  key: string;
  bytes: number;
}

export interface Summary {
  summaryId: string;
  competitionId: string;
  kind: SummaryKind;
  state: SummaryState;
  requestedAt: string;
  /** The secretariat account that asked for it, or `schedule` for the nightly one. */
  requestedBy: string;
  /** The member's name, when a member asked (absent on summaries requested before accounts). */
  requestedByName?: string;
  /** Nightly summaries: the edition-local day of the night they were built. */
  night?: string;
  /** The instant the workbooks describe (set when ready). */
  asOf?: string;
  /** The previous nightly summary's as-of instant: "new" counts from here. */
  since?: string;
  files: SummaryFile[];
  completedAt?: string;
  /** When the attempt holding the build started it. */
  buildingSince?: string;
  /** Failed build attempts so far, and when the last one failed. */
  failedAttempts?: number;
  lastFailedAt?: string;
}

export const ALL_TRACKS = 'all';

/**
 * The API path of one summary workbook's download, which asks for the secretariat's sign-in: the digest links
 * here, and the web app is to serve its sign-in page at this address.
 */
export function summaryFilePath(summaryId: string, scope: string): string {
  return `/v1/summaries/${encodeURIComponent(summaryId)}/files/${encodeURIComponent(scope)}`;
}

/** `人工智能训练师-参赛信息汇总-2023-09-02.xlsx`; the competition-wide one is named after the edition. */
export function summaryFileName(edition: Edition, scope: string, day: string): string {
  const title =
    scope === ALL_TRACKS ? '全部赛项' : (edition.tracks.find((t) => t.id === scope)?.name ?? scope);
  return `${title}-参赛信息汇总-${day}.xlsx`;
}

/** One nightly summary per competition and local night: a second firing finds the first one's record. */
export function nightlySummaryId(edition: Edition, nowMs: number): { summaryId: string; night: string } {
  const night = localDay(nowMs, edition.timeZone);
  return { summaryId: `sum_${edition.id}_${night.replaceAll('-', '')}`, night };
}
