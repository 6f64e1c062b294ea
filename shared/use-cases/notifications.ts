/**
 * Turns registration events into the unit's emails. Each mail is built from the stored entry as it is now and
 * only when the entry is still in the state the event reports, so a late or repeated event sends nothing wrong;
 * sendOnce makes a repeated event send nothing twice.
 */
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { PhotoRejected } from '#events/photo-events.ts';
import {
  RegistrationAmended,
  RegistrationCompleted,
  RegistrationRejected,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { MAILED_ELIGIBILITY_OUTCOMES } from '#shared/domain/mail/mailed-outcomes.ts';
import {
  completeMail,
  eligibilityMail,
  type Mail,
  photoRejectedMail,
  receiptMail,
  rejectedMail,
  type UnitMailContext,
} from '#shared/domain/mail/templates.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { EditionStore, RegistrationStore, UnitStore } from '#shared/ports/stores.ts';
import { eventKey, type MailDeps, sendOnce } from './send-mail.ts';
import { loadTrack } from './track-entries.ts';

export interface NotifyDeps extends MailDeps {
  registrations: RegistrationStore;
  units: UnitStore;
  editions: EditionStore;
}

const mailedOutcomes: ReadonlySet<string> = new Set(MAILED_ELIGIBILITY_OUTCOMES);

type Notice = (ctx: UnitMailContext, r: Registration) => Mail | undefined;

const hasRejectedPhoto = (r: Registration) => r.contestants.some((c) => c.photo.status === 'rejected');

/** The mail for each event a unit hears about, by detail-type; undefined when the entry moved on. */
export const unitNotices: Record<string, Notice> = {
  [RegistrationSubmitted.detailType]: (ctx, r) => receiptMail(ctx, r, 'submitted'),
  [RegistrationAmended.detailType]: (ctx, r) => receiptMail(ctx, r, 'amended'),
  [RegistrationWithdrawn.detailType]: (ctx, r) =>
    r.status === 'withdrawn' ? receiptMail(ctx, r, 'withdrawn') : undefined,
  [EligibilityEvaluated.detailType]: (ctx, r) =>
    r.status === 'submitted' && mailedOutcomes.has(r.eligibility.status)
      ? eligibilityMail(ctx, r)
      : undefined,
  [RegistrationRejected.detailType]: (ctx, r) => (r.status === 'rejected' ? rejectedMail(ctx, r) : undefined),
  [PhotoRejected.detailType]: (ctx, r) =>
    r.status === 'submitted' && hasRejectedPhoto(r) ? photoRejectedMail(ctx, r) : undefined,
  [RegistrationCompleted.detailType]: (ctx, r) =>
    r.status === 'complete' ? completeMail(ctx, r) : undefined,
};

export interface RegistrationNotice {
  detailType: string;
  /** The event's metadata id: with the recipient, the mail's idempotency key. */
  eventId: string;
  registrationId: string;
}

/** Sends the unit the mail an event about one of its entries calls for. */
export async function notifyUnit(deps: NotifyDeps, notice: RegistrationNotice): Promise<{ sent: number }> {
  const build = unitNotices[notice.detailType];
  if (!build) throw new Error(`no unit mail for ${notice.detailType}`);
  const found = await deps.registrations.get(notice.registrationId);
  if (!found) return { sent: 0 };
  const r = found.registration;
  const unit = await deps.units.get(r.unitId);
  if (!unit) throw new Error(`registration ${r.registrationId} names a missing unit`);
  const { edition, track } = await loadTrack(deps.editions, r.competitionId, r.trackId);
  const mail = build({ edition, track, unitName: unit.name }, r);
  if (!mail) return { sent: 0 };
  return sendOnce(deps, [
    { key: { owner: unit.unitId, eventKey: eventKey(notice.eventId), to: unit.contact.email }, mail },
  ]);
}
