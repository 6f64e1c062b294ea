/**
 * Portal clients through the local runtime: an admin creates one (its key shown once), the portal acts for a
 * unit it may act for by naming it in Bayu-Unit (and nothing else), its scopes hold, the entry's history names
 * the portal and the unit it acted for, its key is revoked at once, and its feed holds its units' events only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPortal, createUnit, eventually, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';

const local = localRuntimeOfFile({ clockStart: OPEN });

type Unit = Awaited<ReturnType<typeof createUnit>>;
type Portal = Awaited<ReturnType<typeof createPortal>>;
let unitA: Unit;
let unitB: Unit;
let unitC: Unit;
let portal: Portal;

const submitFor = (p: Portal, unitId: string | undefined, body: unknown = machineVisionEntry()) =>
  local.call('POST', REGISTRATIONS, {
    token: p.token,
    body,
    ...(unitId === undefined ? {} : { headers: { 'bayu-unit': unitId } }),
  });

/** Every feed item the key may see, read page by page from the start. */
async function feedOf(
  token: string,
): Promise<{ id: string; unitId?: string; registrationId?: string; type: string }[]> {
  const items = [];
  let after: string | undefined;
  for (;;) {
    const query = `?limit=50${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
    const page = await local.call('GET', `/v1/events${query}`, { token });
    expect(page.status).toBe(200);
    if (page.body.items.length === 0) return items;
    items.push(...page.body.items);
    after = page.body.next;
  }
}

beforeAll(async () => {
  unitA = await createUnit(local.runtime);
  unitB = await createUnit(local.runtime);
  unitC = await createUnit(local.runtime);
  portal = await createPortal(local.runtime, { unitIds: [unitA.unitId, unitB.unitId] });
});

describe('a portal client', () => {
  it('is created by an admin with its key shown once, and listed with it', async () => {
    expect(portal.token).toMatch(/^bayu_portal_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/);
    const listed = await local.call('GET', '/v1/portals', { token: local.runtime.secretariatToken });
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((p: { portalId: string }) => p.portalId === portal.portalId);
    expect(mine).toMatchObject({
      unitIds: [unitA.unitId, unitB.unitId],
      districts: [],
      createdByName: expect.any(String),
    });
    const keys = await local.call('GET', `/v1/keys?owner=${portal.portalId}`, {
      token: local.runtime.secretariatToken,
    });
    expect(keys.body.items).toEqual([
      expect.objectContaining({
        keyId: portal.keyId,
        kind: 'portal',
        hint: `bayu_portal_…${portal.token.slice(-4)}`,
      }),
    ]);
    expect(JSON.stringify(keys.body)).not.toContain(portal.token);
  });

  it('refuses a unit key creating portals, and portals naming units that do not exist', async () => {
    const byUnit = await local.call('POST', '/v1/portals', {
      token: unitA.token,
      body: {
        name: '某门户',
        contact: { name: '赵磊', email: 'p@example.cn' },
        unitIds: [unitA.unitId],
        scopes: ['events:read'],
      },
    });
    expect(byUnit.status).toBe(403);
    const unknown = await local.call('POST', '/v1/portals', {
      token: local.runtime.secretariatToken,
      body: {
        name: '某门户',
        contact: { name: '赵磊', email: 'p@example.cn' },
        unitIds: ['unit_NOSUCHUNIT'],
        scopes: ['events:read'],
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: '/unitIds/0', code: 'UNKNOWN_UNIT' }),
    ]);
  });

  it('submits for a unit it may act for (201), is refused for a third (403), and the history names it', async () => {
    const submitted = await submitFor(portal, unitA.unitId);
    expect(submitted.status).toBe(201);
    expect(submitted.body.unitId).toBe(unitA.unitId);

    const third = await submitFor(portal, unitC.unitId);
    expect(third.status).toBe(403);
    expect(third.body.code).toBe('FORBIDDEN');
    // An unknown unit answers exactly as a unit out of reach.
    const unknown = await submitFor(portal, 'unit_NOSUCHUNIT');
    expect(unknown.status).toBe(403);
    expect(unknown.body.detail).toBe(third.body.detail);

    // The unit itself sees the entry, and its history names the portal acting for it.
    const read = await local.call('GET', `/v1/registrations/${submitted.body.registrationId}`, {
      token: unitA.token,
    });
    expect(read.body.history[0]).toMatchObject({
      action: 'submitted',
      actor: portal.portalId,
      actorName: portal.name,
      onBehalfOf: unitA.unitId,
    });
    // The portal reads it for that unit, and not for the other one it may act for.
    const asPortal = await local.call('GET', `/v1/registrations/${submitted.body.registrationId}`, {
      token: portal.token,
      headers: { 'bayu-unit': unitA.unitId },
    });
    expect(asPortal.status).toBe(200);
    const otherUnit = await local.call('GET', `/v1/registrations/${submitted.body.registrationId}`, {
      token: portal.token,
      headers: { 'bayu-unit': unitB.unitId },
    });
    expect(otherUnit.status).toBe(404);
  });

  it("fetches its unit's 附件4 form and bulk-import template, never another unit's", async () => {
    const submitted = await submitFor(portal, unitB.unitId);
    const form = `/v1/registrations/${submitted.body.registrationId}/form.docx`;
    const forUnit = (unitId: string, path: string) =>
      local.call('GET', path, { token: portal.token, headers: { 'bayu-unit': unitId } });
    const own = await forUnit(unitB.unitId, form);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toMatch(/wordprocessingml/);
    expect((await forUnit(unitA.unitId, form)).status).toBe(404);
    expect((await forUnit(unitC.unitId, form)).status).toBe(403);
    const template = await forUnit(unitB.unitId, '/v1/competitions/bayu-2023/import-template.xlsx');
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);
  });

  it('answers 400 naming the header when Bayu-Unit is missing, or sent with a unit key', async () => {
    const missing = await submitFor(portal, undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ path: '/headers/bayu-unit', code: 'REQUIRED' }),
    ]);
    const byUnit = await local.call('GET', REGISTRATIONS, {
      token: unitA.token,
      headers: { 'bayu-unit': unitA.unitId },
    });
    expect(byUnit.status).toBe(400);
    expect(byUnit.body.errors).toEqual([expect.objectContaining({ path: '/headers/bayu-unit' })]);
  });

  it("keeps to its scopes, and off the secretariat's routes", async () => {
    const reader = await createPortal(local.runtime, {
      unitIds: [unitA.unitId],
      scopes: ['registrations:read'],
    });
    const submit = await submitFor(reader, unitA.unitId);
    expect(submit.status).toBe(403);
    expect(submit.body.detail).toContain('registrations:write');
    const list = await local.call('GET', REGISTRATIONS, {
      token: reader.token,
      headers: { 'bayu-unit': unitA.unitId },
    });
    expect(list.status).toBe(200);
    const feed = await local.call('GET', '/v1/events', { token: reader.token });
    expect(feed.status).toBe(403);
    for (const path of ['/v1/units', '/v1/portals', '/v1/accounts']) {
      const refused = await local.call('GET', path, { token: portal.token });
      expect(refused.status, path).toBe(403);
    }
  });

  it('describes itself at GET /v1/me', async () => {
    const me = await local.call('GET', '/v1/me', { token: portal.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      kind: 'portal',
      portal: { portalId: portal.portalId, name: portal.name, unitIds: [unitA.unitId, unitB.unitId] },
      key: { keyId: portal.keyId },
    });
  });

  it('reads the events of its units only, without Bayu-Unit', async () => {
    const forB = await submitFor(portal, unitB.unitId);
    const ownC = await local.call('POST', REGISTRATIONS, { token: unitC.token, body: machineVisionEntry() });
    expect([forB.status, ownC.status]).toEqual([201, 201]);
    const items = await eventually(async () => {
      const all = await feedOf(portal.token);
      return all.some((i) => i.registrationId === forB.body.registrationId) ? all : undefined;
    });
    expect(new Set(items.map((i) => i.unitId))).toEqual(new Set([unitA.unitId, unitB.unitId]));
    expect(items.some((i) => i.registrationId === ownC.body.registrationId)).toBe(false);

    const withHeader = await local.call('GET', '/v1/events', {
      token: portal.token,
      headers: { 'bayu-unit': unitA.unitId },
    });
    expect(withHeader.status).toBe(400);
  });

  it('acts for every unit of a district it names, and reads their events once each', async () => {
    const north = await createUnit(local.runtime, 'enterprise', '渝北区');
    const south = await createUnit(local.runtime, 'school', '南岸区');
    // `north` named by id and by its district (its events must come once); `later` only by its district, and
    // created after the portal.
    const district = await createPortal(local.runtime, { unitIds: [north.unitId], districts: ['渝北区'] });
    const later = await createUnit(local.runtime, 'enterprise', '渝北区');
    const forNorth = await submitFor(district, north.unitId);
    const forLater = await submitFor(district, later.unitId);
    expect([forNorth.status, forLater.status]).toEqual([201, 201]);
    expect((await submitFor(district, south.unitId)).status).toBe(403);

    const evaluated = (items: { type: string; unitId?: string }[], unitId: string) =>
      items.some((i) => i.type === 'EligibilityEvaluated' && i.unitId === unitId);
    const items = await eventually(async () => {
      const all = await feedOf(district.token);
      return evaluated(all, north.unitId) && evaluated(all, later.unitId) ? all : undefined;
    });
    expect(new Set(items.map((i) => i.unitId))).toEqual(new Set([north.unitId, later.unitId]));
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gets a new key from an admin's rotation; the old one stops at once without a grace", async () => {
    const rotated = await createPortal(local.runtime, { unitIds: [unitA.unitId] });
    const byMember = await local.call('POST', `/v1/portals/${rotated.portalId}/keys`, { token: unitA.token });
    expect(byMember.status).toBe(403);
    const issued = await local.call('POST', `/v1/portals/${rotated.portalId}/keys`, {
      token: local.runtime.secretariatToken,
    });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^bayu_portal_/);
    expect((await local.call('GET', '/v1/me', { token: rotated.token })).status).toBe(401);
    const me = await local.call('GET', '/v1/me', { token: issued.body.token });
    expect(me.body).toMatchObject({ kind: 'portal', portal: { portalId: rotated.portalId } });
  });

  it('is signed out at once when an admin revokes its key', async () => {
    const doomed = await createPortal(local.runtime, { unitIds: [unitA.unitId] });
    expect((await local.call('GET', '/v1/me', { token: doomed.token })).status).toBe(200);
    const revoked = await local.call('DELETE', `/v1/keys/${doomed.keyId}`, {
      token: local.runtime.secretariatToken,
    });
    expect(revoked.status).toBe(204);
    const after = await local.call('GET', REGISTRATIONS, {
      token: doomed.token,
      headers: { 'bayu-unit': unitA.unitId },
    });
    expect(after.status).toBe(401);
  });
});
