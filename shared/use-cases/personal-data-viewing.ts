/**
 * The secretariat sees a contestant's whole ID number and phone (for a check-in list, a call, a query from the
 * police) only by asking for them, and the asking is recorded in the entry's history with the member's name
 * before anything is shown. Every other view masks them (views.ts). The printed 附件4 forms carry them whole too
 * (entry-forms.ts): the secretariat's downloads of them are recorded the same way.
 */
import { AppError } from '#shared/domain/errors.ts';
import { type Principal, recordedActor } from '#shared/domain/principal.ts';
import type { Registration } from '#shared/domain/registration.ts';
import { isoAt } from '#shared/ports/clock.ts';
import { requireSecretariat } from './authenticate.ts';
import type { RegistrationDeps } from './registrations.ts';

export interface WholeNumbers {
  idNumber: string;
  phone: string;
}

export async function viewContestantNumbers(
  deps: Pick<RegistrationDeps, 'registrations' | 'clock'>,
  principal: Principal,
  req: { registrationId: string; index: string },
): Promise<WholeNumbers> {
  requireSecretariat(principal, "only the secretariat may see a contestant's whole numbers");
  const stored = await deps.registrations.get(req.registrationId);
  const index = /^\d{1,2}$/.test(req.index) ? Number(req.index) : -1;
  const contestant = stored?.registration.contestants[index];
  if (!stored || !contestant) throw new AppError('NOT_FOUND', 'no such contestant in this registration');
  // Recorded first: if the record cannot be written, nothing is shown.
  await recordNumbersViewed(deps, principal, stored.registration, [index]);
  return { idNumber: contestant.idNumber, phone: contestant.phone };
}

/** Records in the entry's history that the member was shown these contestants' whole ID numbers and phones. */
export async function recordNumbersViewed(
  deps: Pick<RegistrationDeps, 'registrations' | 'clock'>,
  principal: Principal,
  registration: Registration,
  indexes: readonly number[],
): Promise<void> {
  await deps.registrations.recordViewing(registration.registrationId, {
    version: registration.version,
    action: 'personal-data-viewed',
    ...recordedActor(principal),
    at: isoAt(deps.clock.nowMs()),
    changedPaths: [],
    viewedPaths: indexes.flatMap((i) => [`/contestants/${i}/idNumber`, `/contestants/${i}/phone`]),
  });
}
