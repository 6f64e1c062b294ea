/**
 * Whom a portal may act for and what it may do (shared/domain/portal.ts, shared/use-cases/portal-caller.ts),
 * decided once at the edge; the feed streams it reads and those an item is placed in.
 */
import { describe, expect, it } from 'vitest';
import { portalRoutes } from '#functions/lib/portal-routes.ts';
import { functions } from '#infra/system.ts';
import { districtStream, feedStreamsOf, streamsOfItem, unitStream } from '#shared/domain/change-feed.ts';
import { AppError } from '#shared/domain/errors.ts';
import { mayActFor, type PortalScope } from '#shared/domain/portal.ts';
import { actorOf, type Principal, recordedActor } from '#shared/domain/principal.ts';
import type { Unit } from '#shared/domain/unit.ts';
import { isWellFormedKey, newKey } from '#shared/security/tokens.ts';
import { callerFor, type PortalRouteRule } from '#shared/use-cases/portal-caller.ts';

const unit = (unitId: string, district?: string): Unit => ({
  unitId,
  name: '重庆测试单位',
  kind: 'enterprise',
  ...(district ? { district } : {}),
  contact: { name: '李明', phone: '13900001111', email: 'unit@example.cn' },
  createdAt: '2023-08-01T00:00:00.000Z',
});
const UNITS = new Map([
  ['unit_a', unit('unit_a', '渝北区')],
  ['unit_b', unit('unit_b', '南岸区')],
  ['unit_c', unit('unit_c')],
]);
const units = { get: async (id: string) => UNITS.get(id) };

const portal = (scopes: PortalScope[] = ['registrations:read', 'registrations:write', 'events:read']) =>
  ({
    role: 'portal',
    portalId: 'portal_1',
    name: '渝北区人社局报名平台',
    scopes,
    unitIds: ['unit_c'],
    districts: ['渝北区'],
    keyId: 'key_p',
  }) satisfies Principal;
const unitKey: Principal = { role: 'unit', unitId: 'unit_a', keyId: 'key_u' };
const secretariat: Principal = {
  role: 'secretariat',
  accountId: 'acct_1',
  name: '王芳',
  admin: true,
  keyId: 'k',
};

const write: PortalRouteRule = { actsFor: 'unit', scope: 'registrations:write' };
const feed: PortalRouteRule = { actsFor: 'self', scope: 'events:read' };

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('mayActFor', () => {
  it('reaches the units named and every unit of the districts named, never an unknown one', () => {
    const reach = { unitIds: ['unit_c'], districts: ['渝北区'] };
    expect(mayActFor(reach, UNITS.get('unit_c'))).toBe(true);
    expect(mayActFor(reach, UNITS.get('unit_a'))).toBe(true);
    expect(mayActFor(reach, UNITS.get('unit_b'))).toBe(false);
    expect(mayActFor(reach, undefined)).toBe(false);
    // A unit without a district is reached by id only.
    expect(mayActFor({ unitIds: [], districts: ['渝北区'] }, UNITS.get('unit_c'))).toBe(false);
  });
});

describe('callerFor', () => {
  it('turns a portal into the unit it names, carrying who acts', async () => {
    const caller = await callerFor(units, portal(), write, 'unit_a');
    expect(caller).toEqual({
      role: 'unit',
      unitId: 'unit_a',
      keyId: 'key_p',
      via: { portalId: 'portal_1', name: '渝北区人社局报名平台' },
    });
    expect(actorOf(caller)).toBe('portal_1');
    expect(recordedActor(caller)).toEqual({
      actor: 'portal_1',
      actorName: '渝北区人社局报名平台',
      onBehalfOf: 'unit_a',
    });
  });

  it('refuses a unit out of reach and an unknown one alike (403)', async () => {
    const outside = await refusal(callerFor(units, portal(), write, 'unit_b'));
    const unknown = await refusal(callerFor(units, portal(), write, 'unit_zzz'));
    const malformed = await refusal(callerFor(units, portal(), write, 'UNIT#../x'));
    expect([outside.code, unknown.code, malformed.code]).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(unknown.message).toBe(outside.message);
  });

  it('refuses a route its scopes do not allow, and a route with no rule for portals', async () => {
    const readOnly = await refusal(callerFor(units, portal(['registrations:read']), write, 'unit_a'));
    expect(readOnly.code).toBe('FORBIDDEN');
    expect(readOnly.message).toContain('registrations:write');
    expect((await refusal(callerFor(units, portal(['registrations:read']), feed, undefined))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(callerFor(units, portal(), undefined, 'unit_a'))).code).toBe('FORBIDDEN');
  });

  it('asks for Bayu-Unit on a unit route, and refuses it on a route of its own (400, naming the header)', async () => {
    for (const error of [
      await refusal(callerFor(units, portal(), write, undefined)),
      await refusal(callerFor(units, portal(), write, ' ')),
      await refusal(callerFor(units, portal(), feed, 'unit_a')),
    ]) {
      expect(error.code).toBe('MALFORMED_REQUEST');
      expect(error.errors?.[0]?.path).toBe('/headers/bayu-unit');
    }
    expect(await callerFor(units, portal(), feed, undefined)).toEqual(portal());
  });

  it("leaves a unit's and the secretariat's keys as they are, and refuses Bayu-Unit from them", async () => {
    expect(await callerFor(units, unitKey, write, undefined)).toBe(unitKey);
    expect(await callerFor(units, secretariat, undefined, undefined)).toBe(secretariat);
    expect((await refusal(callerFor(units, unitKey, write, 'unit_a'))).code).toBe('MALFORMED_REQUEST');
    expect((await refusal(callerFor(units, secretariat, undefined, 'unit_a'))).code).toBe(
      'MALFORMED_REQUEST',
    );
  });
});

describe("a portal's feed", () => {
  it('reads the streams of its units and districts', () => {
    expect(feedStreamsOf(portal())).toEqual([unitStream('unit_c'), districtStream('渝北区')]);
  });

  it("places an item about a unit in its district's stream too", () => {
    const item = { id: 'e', type: 'RegistrationSubmitted', time: 't', unitId: 'unit_a' };
    expect(streamsOfItem(item, '渝北区')).toEqual(['all', unitStream('unit_a'), districtStream('渝北区')]);
    expect(streamsOfItem(item)).toEqual(['all', unitStream('unit_a')]);
    expect(streamsOfItem({ id: 'e', type: 'TrackClosed', time: 't' }, '渝北区')).toEqual(['all']);
  });
});

describe('portal keys', () => {
  it('are bayu_portal_ keys with a check the offline test recognises', () => {
    const key = newKey('portal');
    expect(key).toMatch(/^bayu_portal_/);
    expect(isWellFormedKey(key)).toBe(true);
    expect(isWellFormedKey(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });
});

describe('the routes portals may call (functions/lib/portal-routes.ts)', () => {
  const functionOf = (routeKey: string) =>
    functions.find((spec) =>
      spec.triggers.some((t) => t.kind === 'http' && `${t.method} ${t.path}` === routeKey),
    );

  it('are routes of infra/system.ts, and those for a unit are served by functions that may read units', () => {
    for (const [routeKey, rule] of Object.entries(portalRoutes)) {
      const spec = functionOf(routeKey);
      expect(spec, routeKey).toBeDefined();
      const table = spec?.access.table;
      if (rule.actsFor === 'unit') {
        expect(table !== 'none' && table?.read.includes('unit'), routeKey).toBe(true);
      }
    }
  });
});
