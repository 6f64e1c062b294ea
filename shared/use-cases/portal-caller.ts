/**
 * How a portal's key reaches the use cases, decided once at the HTTP edge: a route a portal may call for a unit
 * (named per request in the Bayu-Unit header, as Stripe's Stripe-Account) turns the portal into that unit's
 * principal carrying `via`, so every unit-scoped use case works unchanged and records who acted; a route of its
 * own (the feed, who am I) keeps the portal; any other route is refused.
 */
import { AppError } from '#shared/domain/errors.ts';
import { mayActFor, type PortalScope } from '#shared/domain/portal.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { UnitStore } from '#shared/ports/stores.ts';

/** The header a portal names the unit it acts for in (HTTP headers arrive lower-cased). */
export const BAYU_UNIT_HEADER = 'Bayu-Unit';
const HEADER_PATH = '/headers/bayu-unit';

/** What a route lets a portal do, and the scope its key needs for it (none: any portal key). */
export type PortalRouteRule =
  | { actsFor: 'unit'; scope: PortalScope }
  | { actsFor: 'self'; scope?: PortalScope };

/** Unit ids are ULIDs behind a prefix; anything else cannot name one (and is answered as an unknown unit). */
const UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const headerProblem = (detail: string, code: string, message: string, messageZh: string) =>
  new AppError('MALFORMED_REQUEST', detail, [{ path: HEADER_PATH, code, message, messageZh }]);

/**
 * The principal the route's use case receives for the authenticated caller, given the route's rule for portals
 * (absent: no portal may call it) and the Bayu-Unit header. A unit out of the portal's reach and an unknown unit
 * get the same FORBIDDEN, so a portal cannot probe which unit ids exist.
 */
export async function callerFor(
  units: Pick<UnitStore, 'get'>,
  principal: Principal,
  rule: PortalRouteRule | undefined,
  bayuUnit: string | undefined,
): Promise<Principal> {
  if (principal.role !== 'portal') {
    if (bayuUnit === undefined) return principal;
    throw headerProblem(
      `${BAYU_UNIT_HEADER} is for portal keys; a unit's or the secretariat's key acts as itself`,
      'NOT_ALLOWED',
      'send it only with a portal key',
      '仅门户密钥可使用此请求头',
    );
  }
  if (!rule) throw new AppError('FORBIDDEN', 'a portal key may not call this route');
  if (rule.scope && !principal.scopes.includes(rule.scope)) {
    throw new AppError('FORBIDDEN', `this portal's key lacks the scope ${rule.scope}`);
  }
  if (rule.actsFor === 'self') {
    if (bayuUnit === undefined) return principal;
    throw headerProblem(
      `this route answers for the portal itself: send it without ${BAYU_UNIT_HEADER}`,
      'NOT_ALLOWED',
      'not accepted on this route',
      '此接口不接受该请求头',
    );
  }
  if (bayuUnit === undefined || bayuUnit.trim() === '') {
    throw headerProblem(
      `name the unit the portal acts for in the ${BAYU_UNIT_HEADER} header`,
      'REQUIRED',
      'is required: the id of a unit the portal may act for',
      '必填：门户代为办理的单位编号',
    );
  }
  const unitId = bayuUnit.trim();
  const unit = UNIT_ID.test(unitId) ? await units.get(unitId) : undefined;
  if (!mayActFor(principal, unit)) {
    throw new AppError('FORBIDDEN', `this portal may not act for the unit ${BAYU_UNIT_HEADER} names`);
  }
  return {
    role: 'unit',
    unitId,
    keyId: principal.keyId,
    via: { portalId: principal.portalId, name: principal.name },
  };
}
