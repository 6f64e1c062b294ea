import type { AccessKey } from '#shared/domain/access.ts';
import { AppError } from '#shared/domain/errors.ts';
import { actorOf, type Principal } from '#shared/domain/principal.ts';
import { validateUnitInput } from '#shared/domain/registration-validation.ts';
import type { Unit } from '#shared/domain/unit.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { Page, UnitStore } from '#shared/ports/stores.ts';
import { creationBy, mintKey } from './access.ts';
import { requireSecretariat, requireUnitOrSecretariat } from './authenticate.ts';

export interface UnitDeps {
  units: UnitStore;
  clock: Clock;
  newId: () => string;
}

/**
 * Creates a unit and its first key, recording which member created both; the key's secret is returned once and
 * only its hash is kept.
 */
export async function createUnit(
  deps: UnitDeps,
  principal: Principal,
  body: unknown,
): Promise<{ unit: Unit; key: AccessKey; token: string }> {
  requireSecretariat(principal);
  const input = validateUnitInput(body);
  if (!input.ok) throw new AppError('VALIDATION_FAILED', 'the unit has invalid fields', input.errors);
  const unit: Unit = { unitId: `unit_${deps.newId()}`, ...input.value, ...creationBy(deps, principal) };
  const { issued, secret } = mintKey(deps, { role: 'unit', unitId: unit.unitId }, actorOf(principal));
  await deps.units.create(unit, issued);
  return { unit, key: issued.key, token: secret };
}

/** The secretariat lists every unit; a unit's list holds only itself. */
export async function listUnits(
  deps: UnitDeps,
  principal: Principal,
  page: { limit: number; cursor?: string },
): Promise<Page<Unit>> {
  requireUnitOrSecretariat(principal);
  if (principal.role === 'unit') {
    const own = await deps.units.get(principal.unitId);
    return { items: own ? [own] : [] };
  }
  return deps.units.list(page.limit, page.cursor);
}

/** A unit may read itself; any other unit id answers NOT_FOUND, as if it did not exist. */
export async function getUnit(
  deps: Pick<UnitDeps, 'units'>,
  principal: Principal,
  unitId: string,
): Promise<Unit> {
  requireUnitOrSecretariat(principal);
  const visible = principal.role === 'secretariat' || principal.unitId === unitId;
  const unit = visible ? await deps.units.get(unitId) : undefined;
  if (!unit) throw new AppError('NOT_FOUND', 'no such unit');
  return unit;
}

/** A unit's name for files and forms; its id when the unit is gone. */
export async function unitNameOf(units: Pick<UnitStore, 'get'>, unitId: string): Promise<string> {
  return (await units.get(unitId))?.name ?? unitId;
}
