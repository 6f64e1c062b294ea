import { awaitsCrossEntryDecision } from '#shared/domain/eligibility/awaiting-decision.ts';
import {
  type ClosingReport,
  closingNoticeMail,
  closingReportMail,
  overrideEndedMail,
  overrideEndedReportMail,
} from '#shared/domain/mail/templates.ts';
import { type RegistrationStatus, registrationStatuses } from '#shared/domain/registration.ts';
import type { DeadlineStore } from '#shared/ports/deadlines.ts';
import { latestOpenOverride } from './deadline-overrides.ts';
import type { NotifyDeps } from './notifications.ts';
import { eventKey, type Outgoing, sendOnce } from './send-mail.ts';
import { byUnit, entriesOfTrack, loadTrack } from './track-entries.ts';

/** The closing mails also say which units wait for the end of an override. */
export interface ClosingNoticeDeps extends NotifyDeps {
  deadlines: DeadlineStore;
}

/** The mail log's owner of the secretariat's mails. */
export const SECRETARIAT_OWNER = 'secretariat';

/**
 * On TrackClosed: each unit with entries in the track gets the final state of each of them, and the track's
 * secretariat address gets the closing report. A unit whose override is still open is told until when its
 * unfinished entries stay, and the report lists them as waiting.
 */
export async function sendClosingNotices(
  deps: ClosingNoticeDeps,
  closed: { eventId: string; competitionId: string; trackId: string },
): Promise<{ sent: number }> {
  const { edition, track } = await loadTrack(deps.editions, closed.competitionId, closed.trackId);
  const entries = await entriesOfTrack(deps.registrations, closed.competitionId, closed.trackId);
  const key = eventKey(closed.eventId);
  const outgoing: Outgoing[] = [];
  const report: ClosingReport = {
    counts: Object.fromEntries(registrationStatuses.map((s) => [s, 0])) as Record<RegistrationStatus, number>,
    byGroupAndUnit: [],
    expired: [],
    awaitingDecision: [],
    waiting: [],
  };
  for (const [unitId, ofUnit] of byUnit(entries)) {
    const unit = await deps.units.get(unitId);
    const unitName = unit?.name ?? unitId;
    const unfinished = ofUnit.filter((r) => r.status === 'submitted');
    const until =
      unfinished.length > 0
        ? (
            await latestOpenOverride(
              deps.deadlines,
              closed.competitionId,
              track.id,
              unitId,
              deps.clock.nowMs(),
            )
          )?.until
        : undefined;
    if (unit) {
      outgoing.push({
        key: { owner: unitId, eventKey: key, to: unit.contact.email },
        mail: closingNoticeMail({ edition, track, unitName }, ofUnit, until),
      });
    }
    for (const r of ofUnit) {
      report.counts[r.status] += 1;
      if (r.status === 'expired') report.expired.push({ unitName, registration: r });
      if (awaitsCrossEntryDecision(r)) report.awaitingDecision.push({ unitName, registration: r });
    }
    if (until) report.waiting.push(...unfinished.map((registration) => ({ unitName, until, registration })));
    for (const group of track.groups) {
      const inGroup = ofUnit.filter((r) => r.groupId === group.id);
      if (inGroup.length === 0) continue;
      const complete = inGroup.filter((r) => r.status === 'complete').length;
      const expired = inGroup.filter((r) => r.status === 'expired').length;
      report.byGroupAndUnit.push({
        groupId: group.id,
        unitName,
        complete,
        expired,
        other: inGroup.length - complete - expired,
      });
    }
  }
  report.byGroupAndUnit.sort(
    (a, b) => a.groupId.localeCompare(b.groupId) || a.unitName.localeCompare(b.unitName),
  );
  outgoing.push({
    key: { owner: SECRETARIAT_OWNER, eventKey: key, to: track.secretariatEmail },
    mail: closingReportMail(edition, track, report),
  });
  return sendOnce(deps, outgoing);
}

/**
 * On OverrideEnded: the unit gets the final state of each of its entries in the track, and the track's
 * secretariat address a notice of the same.
 */
export async function sendOverrideEndNotices(
  deps: NotifyDeps,
  ended: { eventId: string; competitionId: string; trackId: string; unitId: string; until: string },
): Promise<{ sent: number }> {
  const { edition, track } = await loadTrack(deps.editions, ended.competitionId, ended.trackId);
  const unit = await deps.units.get(ended.unitId);
  if (!unit) throw new Error(`an override ended for a missing unit ${ended.unitId}`);
  const entries = await entriesOfTrack(deps.registrations, ended.competitionId, ended.trackId, ended.unitId);
  const ctx = { edition, track, unitName: unit.name };
  const key = eventKey(ended.eventId);
  return sendOnce(deps, [
    {
      key: { owner: unit.unitId, eventKey: key, to: unit.contact.email },
      mail: overrideEndedMail(ctx, entries, ended.until),
    },
    {
      key: { owner: SECRETARIAT_OWNER, eventKey: key, to: track.secretariatEmail },
      mail: overrideEndedReportMail(ctx, entries, ended.until),
    },
  ]);
}
