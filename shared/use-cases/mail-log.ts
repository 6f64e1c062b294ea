import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { MailLogStore, MailRecord } from '#shared/ports/mail-log.ts';
import type { UnitStore } from '#shared/ports/stores.ts';

/** The mails sent to a unit ("did we tell them?"): for the secretariat, and for the unit itself. */
export async function listUnitMails(
  deps: { mailLog: MailLogStore; units: UnitStore },
  principal: Principal,
  unitId: string,
): Promise<MailRecord[]> {
  const visible = principal.role === 'secretariat' || principal.unitId === unitId;
  if (!visible || !(await deps.units.get(unitId))) throw new AppError('NOT_FOUND', 'no such unit');
  return deps.mailLog.list(unitId);
}
