/**
 * Summaries: the secretariat asks for one (or the nightly schedule fires), the builder writes the workbooks into
 * the bucket, marks the summary ready and publishes SummaryPublished with pointers to them, in one transaction.
 */
import type * as z from 'zod';
import { buildEvent, type EventContract } from '#events/contract.ts';
import { SummaryPublished, SummaryRequested } from '#events/summary-events.ts';
import { findTrack } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import { localDay } from '#shared/domain/labels-zh.ts';
import { type Principal, recordedActor } from '#shared/domain/principal.ts';
import { purgeDueAtMs } from '#shared/domain/purge.ts';
import {
  ALL_TRACKS,
  claimLeaseMs,
  nightlySummaryId,
  type Summary,
  type SummaryFile,
  summaryFileName,
} from '#shared/domain/summary.ts';
import type { UnitInfo } from '#shared/domain/summary-tally.ts';
import { paged } from '#shared/lib/paged.ts';
import { describeError, logger } from '#shared/logging/logger.ts';
import { BUCKET_PREFIXES } from '#shared/ports/bucket-layout.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { EditionStore, OutboxEvent, RegistrationStore, UnitStore } from '#shared/ports/stores.ts';
import type { SummaryFiles, SummaryStore, WorkbookStorage } from '#shared/ports/summaries.ts';
import { requireSecretariat } from './authenticate.ts';
import { loadEdition } from './competitions.ts';
import { summarySheets } from './summary-workbook.ts';

/** What the builder needs. */
export interface SummaryDeps {
  summaries: SummaryStore;
  workbooks: WorkbookStorage;
  registrations: Pick<RegistrationStore, 'list'>;
  units: Pick<UnitStore, 'list'>;
  editions: EditionStore;
  clock: Clock;
  newId: () => string;
  /** Entries per query page (DynamoDB also stops a page at 1 MB). */
  pageSize: number;
  /** The builder function's time limit: a build held longer lost its builder (claimLeaseMs). */
  timeoutSeconds: number;
}

/** What the API needs: requests and downloads, no spreadsheet writing. */
export interface SummaryApiDeps extends Pick<SummaryDeps, 'summaries' | 'editions' | 'clock' | 'newId'> {
  files: SummaryFiles;
}

/** Download links from the API live this long: enough to click, too short to forward. */
const DOWNLOAD_URL_SECONDS = 300;

const FOR_SECRETARIAT = 'summaries are for the secretariat';

function outboxEventOf<T extends string, D extends z.ZodType>(
  deps: Pick<SummaryDeps, 'newId'>,
  contract: EventContract<T, D>,
  data: z.input<D>,
  occurredAt: string,
  correlationId: string,
): OutboxEvent {
  const id = deps.newId();
  return { id, ...buildEvent(contract, data, { id, occurredAt, correlationId }), occurredAt };
}

/** Records the secretariat's request; SummaryRequested (through the outbox) starts the build. */
export async function requestSummary(
  deps: Omit<SummaryApiDeps, 'files'>,
  req: { principal: Principal; correlationId: string; competitionId: string },
): Promise<Summary> {
  requireSecretariat(req.principal, FOR_SECRETARIAT);
  const edition = await loadEdition(deps.editions, req.competitionId);
  const at = isoAt(deps.clock.nowMs());
  const { actor, actorName } = recordedActor(req.principal);
  const summary: Summary = {
    summaryId: `sum_${deps.newId()}`,
    competitionId: edition.id,
    kind: 'on-demand',
    state: 'requested',
    requestedAt: at,
    requestedBy: actor,
    ...(actorName ? { requestedByName: actorName } : {}),
    files: [],
  };
  const { summaryId, competitionId, kind } = summary;
  const event = outboxEventOf(
    deps,
    SummaryRequested,
    { summaryId, competitionId, kind },
    at,
    req.correlationId,
  );
  await deps.summaries.create(summary, event);
  return summary;
}

/**
 * How many summaries the list shows: a night's and a few requests a day over a registration period of weeks;
 * older ones are superseded (and their workbooks purged with the edition).
 */
export const LISTED_SUMMARIES = 100;

/** A competition's latest summaries, nightly and requested, the latest request first. */
export async function listSummaries(
  deps: Pick<SummaryApiDeps, 'summaries' | 'editions'>,
  principal: Principal,
  competitionId: string,
): Promise<Summary[]> {
  requireSecretariat(principal, FOR_SECRETARIAT);
  const edition = await loadEdition(deps.editions, competitionId);
  return deps.summaries.latest(edition.id, LISTED_SUMMARIES);
}

export interface SummaryDownload {
  scope: string;
  fileName: string;
  bytes: number;
  url: string;
}

/** A summary's state and, once it is ready, a short-lived download URL per workbook. */
export async function getSummary(
  deps: Pick<SummaryApiDeps, 'summaries' | 'files'>,
  principal: Principal,
  summaryId: string,
): Promise<{ summary: Summary; downloads: SummaryDownload[]; expiresInSeconds: number }> {
  requireSecretariat(principal, FOR_SECRETARIAT);
  const summary = await deps.summaries.get(summaryId);
  if (!summary) throw new AppError('NOT_FOUND', 'no such summary');
  const downloads = await Promise.all(
    summary.files.map(async (f) => ({
      scope: f.scope,
      fileName: f.fileName,
      bytes: f.bytes,
      url: await deps.files.downloadUrl(f.key, f.fileName, DOWNLOAD_URL_SECONDS),
    })),
  );
  return { summary, downloads, expiresInSeconds: DOWNLOAD_URL_SECONDS };
}

/**
 * One workbook of a summary, for the signed-in secretariat (the digest's links lead here): a fresh
 * short-lived URL of the file. The workbooks hold full personal data, so there is no way in without a token.
 */
export async function summaryFileDownload(
  deps: Pick<SummaryApiDeps, 'summaries' | 'files'>,
  req: { principal: Principal; summaryId: string; scope: string },
): Promise<string> {
  requireSecretariat(req.principal, FOR_SECRETARIAT);
  const file = (await deps.summaries.get(req.summaryId))?.files.find((f) => f.scope === req.scope);
  if (!file) throw new AppError('NOT_FOUND', 'no such summary file');
  return deps.files.downloadUrl(file.key, file.fileName, DOWNLOAD_URL_SECONDS);
}

/**
 * The scheduled build: one summary per competition and night, whose id is derived from the night, so a second
 * firing finds the first one's record and at most rebuilds it (completion is conditional: one event). Once the
 * edition's personal data is due to be purged, the nightly schedule builds (and so mails) nothing more.
 */
export async function runNightlySummary(
  deps: SummaryDeps,
  req: { competitionId: string; correlationId: string },
): Promise<Summary | undefined> {
  const edition = await loadEdition(deps.editions, req.competitionId);
  const now = deps.clock.nowMs();
  if (now >= purgeDueAtMs(edition)) return undefined;
  const { summaryId, night } = nightlySummaryId(edition, now);
  await deps.summaries.create({
    summaryId,
    competitionId: edition.id,
    kind: 'nightly',
    state: 'requested',
    requestedAt: isoAt(now),
    requestedBy: 'schedule',
    night,
    files: [],
  });
  return buildSummary(deps, { summaryId, correlationId: req.correlationId });
}

async function loadUnits(units: SummaryDeps['units']): Promise<Map<string, UnitInfo>> {
  const byId = new Map<string, UnitInfo>();
  for await (const u of paged((cursor) => units.list(100, cursor))) {
    byId.set(u.unitId, {
      unitId: u.unitId,
      name: u.name,
      kind: u.kind,
      ...(u.district ? { district: u.district } : {}),
    });
  }
  return byId;
}

/**
 * Builds a requested summary's workbooks (a track's each, and the competition's); harmless when repeated. A
 * failed attempt is recorded on the summary (its state shows it) and then rethrown, for the platform to retry.
 * An attempt that fails, or loses to another delivery of the same request, removes the files it wrote.
 */
export async function buildSummary(
  deps: SummaryDeps,
  req: { summaryId: string; correlationId: string },
): Promise<Summary | undefined> {
  const summary = await deps.summaries.get(req.summaryId);
  if (!summary || summary.state === 'ready') return summary;
  const now = deps.clock.nowMs();
  const start = await deps.summaries.startBuilding(
    summary.summaryId,
    isoAt(now),
    isoAt(now - claimLeaseMs(deps.timeoutSeconds)),
  );
  if (start === 'ready') return deps.summaries.get(summary.summaryId);
  // Another attempt holds the build. Failing lets the platform retry: by then it is built, or its builder died
  // and the lease ran out; otherwise the request ends in the dead-letter queue, whose alarm says so.
  if (start === 'held') throw new Error(`summary ${summary.summaryId} is being built by another invocation`);
  const attempt: BuildAttempt = { id: deps.newId(), keys: [] };
  try {
    const built = await writeAndPublish(deps, summary, req.correlationId, attempt);
    if (built) return built;
    // Completion was refused: another delivery finished first (its record, files and event stand).
    return await removeUnnamedFiles(deps, summary.summaryId, attempt);
  } catch (error) {
    await removeUnnamedFiles(deps, summary.summaryId, attempt);
    // The build's error is the one to report; should recording it fail, the summary just shows `requested`.
    await deps.summaries
      .markFailed(summary.summaryId, isoAt(deps.clock.nowMs()))
      .catch((recording: unknown) =>
        logger.warn('summary failure not recorded', { ...describeError(recording) }),
      );
    throw error;
  }
}

/**
 * Removes the files of an attempt that the summary's record does not name. The record is read again first: a
 * completion whose answer was lost (the SDK's retry then meets its own condition, or the error reaches the
 * caller) did happen, and its files are the record's. Files left by a failed removal only take space.
 */
async function removeUnnamedFiles(
  deps: SummaryDeps,
  summaryId: string,
  attempt: BuildAttempt,
): Promise<Summary | undefined> {
  const stored = await deps.summaries.get(summaryId).catch(() => undefined);
  const named = new Set(stored?.files.map((f) => f.key));
  const unnamed = attempt.keys.filter((key) => !named.has(key));
  // Without the record, nothing can be known to be unnamed.
  if (stored && unnamed.length > 0) {
    await deps.workbooks
      .removeWorkbooks(unnamed)
      .catch((error: unknown) =>
        logger.warn('summary files not removed', { summaryId, ...describeError(error) }),
      );
  }
  return stored;
}

/** One build of a summary: its own id in the files' keys, and the keys it has written to. */
interface BuildAttempt {
  id: string;
  keys: string[];
}

/**
 * The dated key of a summary's workbook: `summaries/<competition>/<day>/<summaryId>/<attempt>/<scope>.xlsx`.
 * Each build attempt writes under its own id, so two deliveries building one summary at once never overwrite
 * each other's files: the record points at the winner's, and the other attempt removes its own.
 */
function summaryKey(summary: Summary, day: string, attempt: string, scope: string): string {
  return `${BUCKET_PREFIXES.summaries}${summary.competitionId}/${day}/${summary.summaryId}/${attempt}/${scope}.xlsx`;
}

/** Writes the workbooks and completes the summary; undefined when another attempt completed it first. */
async function writeAndPublish(
  deps: SummaryDeps,
  summary: Summary,
  correlationId: string,
  attempt: BuildAttempt,
): Promise<Summary | undefined> {
  const edition = await loadEdition(deps.editions, summary.competitionId);
  const asOf = isoAt(deps.clock.nowMs());
  const day = summary.night ?? localDay(asOf, edition.timeZone);
  const since = (await deps.summaries.previousNightly(edition.id, asOf))?.asOf;
  const units = await loadUnits(deps.units);
  const list = deps.registrations.list.bind(deps.registrations);

  const files: SummaryFile[] = [];
  for (const scope of [...edition.tracks.map((t) => t.id), ALL_TRACKS]) {
    const track = findTrack(edition, scope);
    const key = summaryKey(summary, day, attempt.id, scope);
    attempt.keys.push(key);
    const sheets = summarySheets(list, {
      edition,
      ...(track ? { track } : {}),
      units,
      asOf,
      day,
      since,
      pageSize: deps.pageSize,
    });
    const { bytes } = await deps.workbooks.writeWorkbook(key, sheets);
    files.push({ scope, fileName: summaryFileName(edition, scope, day), key, bytes });
  }

  const completedAt = isoAt(deps.clock.nowMs());
  const ready: Summary = {
    ...summary,
    state: 'ready',
    asOf,
    ...(since ? { since } : {}),
    files,
    completedAt,
  };
  const event = outboxEventOf(
    deps,
    SummaryPublished,
    {
      summaryId: ready.summaryId,
      competitionId: ready.competitionId,
      kind: ready.kind,
      ...(ready.night ? { night: ready.night } : {}),
      asOf,
      files,
    },
    completedAt,
    correlationId,
  );
  return (await deps.summaries.complete(ready, event)) ? ready : undefined;
}
