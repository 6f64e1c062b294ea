import { awaitsCrossEntryDecision } from '#shared/domain/eligibility/awaiting-decision.ts';
import { type ClosingReport, closingNoticeMail, closingReportMail } from '#shared/domain/mail/templates.ts';
import { type RegistrationStatus, registrationStatuses } from '#shared/domain/registration.ts';
import type { NotifyDeps } from './notifications.ts';
import { eventKey, type Outgoing, sendOnce } from './send-mail.ts';
import { byUnit, entriesOfTrack, loadTrack } from './track-entries.ts';

/** The mail log's owner of the secretariat's mails. */
export const SECRETARIAT_OWNER = 'secretariat';

/**
 * On TrackClosed: each unit with entries in the track gets the final state of each of them, and the track's
 * secretariat address gets the closing report.
 */
export async function sendClosingNotices(
  deps: NotifyDeps,
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
  };
  for (const [unitId, ofUnit] of byUnit(entries)) {
    const unit = await deps.units.get(unitId);
    const unitName = unit?.name ?? unitId;
    if (unit) {
      outgoing.push({
        key: { owner: unitId, eventKey: key, to: unit.contact.email },
        mail: closingNoticeMail({ edition, track, unitName }, ofUnit),
      });
    }
    for (const r of ofUnit) {
      report.counts[r.status] += 1;
      if (r.status === 'expired') report.expired.push({ unitName, registration: r });
      if (awaitsCrossEntryDecision(r)) report.awaitingDecision.push({ unitName, registration: r });
    }
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
