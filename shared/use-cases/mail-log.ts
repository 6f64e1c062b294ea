import type { Principal } from '#shared/domain/principal.ts';
import type { MailLogStore, MailRecord } from '#shared/ports/mail-log.ts';
import type { UnitStore } from '#shared/ports/stores.ts';
import { getUnit } from './units.ts';

/** The mails sent to a unit ("did we tell them?"): for the secretariat, and for the unit itself. */
export async function listUnitMails(
  deps: { mailLog: MailLogStore; units: UnitStore },
  principal: Principal,
  unitId: string,
): Promise<MailRecord[]> {
  await getUnit(deps, principal, unitId);
  return deps.mailLog.list(unitId);
}
