/**
 * The end of an edition's personal data: once the retention after its last final is over, the table is
 * scanned page by page and every item's personal data removed or cleared, the bucket's prefixes of the edition
 * emptied, and the secretariat told the counts. Progress is kept after every page, so an invocation stopped
 * at its timeout is resumed by the retry, and a run after the end changes nothing.
 */
import type { Edition } from '#shared/domain/edition.ts';
import {
  addCounts,
  type PurgeCounts,
  type PurgeInput,
  purgeDueAtMs,
  purgeReportMail,
} from '#shared/domain/purge.ts';
import { purgeObjectPrefixes } from '#shared/ports/bucket-layout.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { ObjectPurger, PurgeCheckpoint, PurgeStore } from '#shared/ports/purge.ts';
import type { EditionStore } from '#shared/ports/stores.ts';
import { loadEdition } from './competitions.ts';
import { type MailDeps, sendOnce } from './send-mail.ts';

export interface PurgeDeps extends MailDeps {
  editions: EditionStore;
  purge: PurgeStore;
  objects: ObjectPurger;
  clock: Clock;
  /** Milliseconds the invocation has left: the purge stops between pages when too few remain. */
  timeLeftMs: () => number;
}

/** Enough for one page of the table or one batch of objects, with room to record the progress. */
export const PURGE_PAGE_MARGIN_MS = 60_000;

export type PurgeOutcome = 'purged' | 'already-purged' | 'not-due' | 'unfinished';

export async function purgePersonalData(
  deps: PurgeDeps,
  input: PurgeInput,
): Promise<{ outcome: PurgeOutcome; counts: PurgeCounts }> {
  const edition = await loadEdition(deps.editions, input.competitionId);
  const now = deps.clock.nowMs();
  if (now < purgeDueAtMs(edition)) return { outcome: 'not-due', counts: {} };
  let checkpoint: PurgeCheckpoint = (await deps.purge.checkpoint(edition.id)) ?? {
    competitionId: edition.id,
    phase: 'table',
    counts: {},
    startedAt: isoAt(now),
  };
  if (checkpoint.phase === 'done') return { outcome: 'already-purged', counts: checkpoint.counts };
  const save = async (next: PurgeCheckpoint) => {
    await deps.purge.saveCheckpoint(next);
    checkpoint = next;
  };
  const timeIsShort = () => deps.timeLeftMs() < PURGE_PAGE_MARGIN_MS;

  while (checkpoint.phase === 'table') {
    if (timeIsShort()) return { outcome: 'unfinished', counts: checkpoint.counts };
    const scope = { competitionId: edition.id, startedAt: checkpoint.startedAt };
    const page = await deps.purge.purgePage(scope, checkpoint.cursor);
    const { cursor: _done, ...rest } = checkpoint;
    await save({
      ...rest,
      counts: addCounts(checkpoint.counts, page.counts),
      ...(page.cursor ? { cursor: page.cursor } : { phase: 'objects' }),
    });
  }
  if (checkpoint.phase === 'objects') {
    for (const prefix of purgeObjectPrefixes(edition.id)) {
      const kind = `objects:${prefix.slice(0, prefix.indexOf('/') + 1)}`;
      for (let more = true; more; ) {
        if (timeIsShort()) return { outcome: 'unfinished', counts: checkpoint.counts };
        const batch = await deps.objects.deleteBatch(prefix);
        more = batch.more;
        if (batch.deleted > 0)
          await save({ ...checkpoint, counts: addCounts(checkpoint.counts, { [kind]: batch.deleted }) });
      }
    }
    await save({ ...checkpoint, phase: 'report' });
  }
  await sendReport(deps, edition, checkpoint);
  const finishedAt = isoAt(deps.clock.nowMs());
  await save({ ...checkpoint, phase: 'done', finishedAt });
  return { outcome: 'purged', counts: checkpoint.counts };
}

/** One report per secretariat address, sent once (the mail log's claim) however often this runs. */
async function sendReport(deps: PurgeDeps, edition: Edition, checkpoint: PurgeCheckpoint): Promise<void> {
  const mail = purgeReportMail(edition, checkpoint.counts, isoAt(deps.clock.nowMs()));
  await sendOnce(
    deps,
    edition.secretariatEmails.map((to) => ({
      key: { owner: 'secretariat', eventKey: `purge:${edition.id}`, to },
      mail,
    })),
  );
}
