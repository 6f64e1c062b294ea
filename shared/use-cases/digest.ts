/**
 * The organisers' digest after each nightly summary, sent once per competition and night: figures from the
 * stored entries and links to the workbooks' download, which needs the secretariat's sign-in. The workbooks
 * hold full ID numbers, phones and addresses, so they travel as attachments only when the edition says so
 * (`settings.digestAttachments`), and then only while they fit in one message.
 */

import type { DetailOf } from '#events/contract.ts';
import type { SummaryPublished } from '#events/summary-events.ts';
import { attachmentsFit, type DigestFile, digestFigures, renderDigest } from '#shared/domain/digest.ts';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import { claimLeaseMs, summaryFilePath } from '#shared/domain/summary.ts';
import { SummaryTally } from '#shared/domain/summary-tally.ts';
import { paged } from '#shared/lib/paged.ts';
import { describeError, logger } from '#shared/logging/logger.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { MailAttachment, Mailer } from '#shared/ports/mailer.ts';
import type { SummaryFiles } from '#shared/ports/summaries.ts';
import { loadEdition } from './competitions.ts';
import type { SummaryDeps } from './summaries.ts';

export interface DigestDeps
  extends Pick<SummaryDeps, 'summaries' | 'registrations' | 'editions' | 'pageSize' | 'clock'> {
  files: SummaryFiles;
  /** The API's public base URL, which the links in the mail point at. */
  apiUrl: () => string;
  mailer: Mailer;
  /** The digest function's time limit: a night claimed longer ago and not sent lost its sender (claimLeaseMs). */
  timeoutSeconds: number;
}

export type DigestOutcome = 'sent' | 'not-nightly' | 'already-sent';

export async function sendNightlyDigest(
  deps: DigestDeps,
  published: DetailOf<typeof SummaryPublished>['data'],
): Promise<DigestOutcome> {
  const { competitionId, night, asOf, files } = published;
  if (published.kind !== 'nightly' || !night) return 'not-nightly';
  const edition = await loadEdition(deps.editions, competitionId);
  const claim = { competitionId, night, asOf };
  const now = deps.clock.nowMs();
  const claimedAt = isoAt(now);
  const claimed = await deps.summaries.claimDigest(
    claim,
    claimedAt,
    isoAt(now - claimLeaseMs(deps.timeoutSeconds)),
  );
  if (claimed === 'sent') return 'already-sent';
  // Another invocation holds the night. Failing lets the platform retry: by then it is sent, or its sender
  // died and the lease ran out; otherwise the event ends in the dead-letter queue, whose alarm says so.
  if (claimed === 'held') throw new Error(`the digest of ${night} is being sent by another invocation`);
  try {
    const since = await deps.summaries.previousDigest(competitionId, asOf);
    const tally = new SummaryTally({ since, until: asOf });
    const entries = paged((cursor) =>
      deps.registrations.list({ competitionId, limit: deps.pageSize, ...(cursor ? { cursor } : {}) }),
    );
    for await (const r of entries) tally.add(r, undefined);

    const attach = edition.settings.digestAttachments && attachmentsFit(files.map((f) => f.bytes));
    const attachments: MailAttachment[] = attach
      ? await Promise.all(
          files.map(async (f) => ({
            filename: f.fileName,
            contentType: XLSX_TYPE,
            content: await deps.files.read(f.key),
          })),
        )
      : [];
    const base = deps.apiUrl().replace(/\/+$/, '');
    const listed: DigestFile[] = files.map((f) =>
      attach
        ? { fileName: f.fileName }
        : { fileName: f.fileName, url: `${base}${summaryFilePath(published.summaryId, f.scope)}` },
    );
    const message = renderDigest(digestFigures(edition, tally, asOf, since), listed);
    await deps.mailer.send({ to: edition.secretariatEmails, ...message, ...(attach ? { attachments } : {}) });
  } catch (error) {
    // Not sent: give the night back so the event's retry can send it. Should that fail too, the retry finds the
    // night held (see above) until the lease runs out; the error to report is still the first one.
    await deps.summaries
      .releaseDigest(claim, claimedAt)
      .catch((release: unknown) =>
        logger.warn('digest claim not released', { night, ...describeError(release) }),
      );
    throw error;
  }
  // Outside the try: once the mail is out, the night is never given back (that would send it twice).
  await deps.summaries.markDigestSent(claim, claimedAt, isoAt(deps.clock.nowMs()));
  return 'sent';
}
