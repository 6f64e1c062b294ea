/**
 * Named secretariat accounts and keys as records, against the local runtime: the secretariat token is the
 * first admin's key; an admin creates members; keys are revoked at once and unit keys rotated with a grace.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, LOCAL_NAMES } from '#infra/local/runtime.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { hashToken, isWellFormedKey } from '#shared/security/tokens.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import { createUnit, judged, machineVisionEntry, person } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const local = localRuntimeOfFile({ clockStart: OPEN });
const admin = () => local.runtime.secretariatToken;

let memberCount = 0;
/** A new member account made by the admin: its id, name and first key. */
async function createMember(role: 'secretariat' | 'admin' = 'secretariat') {
  memberCount += 1;
  const name = `委员${'甲乙丙丁戊己庚辛壬癸'[memberCount % 10]}`;
  const created = await local.call('POST', '/v1/accounts', {
    token: admin(),
    body: { name, email: `member${memberCount}@example.cn`, role },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return {
    accountId: created.body.account.accountId as string,
    name: created.body.account.name as string,
    keyId: created.body.key.keyId as string,
    token: created.body.token as string,
  };
}

const me = (token: string) => local.call('GET', '/v1/me', { token });

describe('the first admin', () => {
  it('is the secretariat token: GET /v1/me names the seeded admin account and its key', async () => {
    const answer = await me(admin());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: 'secretariat',
      account: { ...LOCAL_ADMIN, role: 'admin' },
      key: { keyId: expect.stringMatching(/^key_/), hint: `bayu_sec_…${admin().slice(-4)}` },
    });
  });
});

describe('accounts', () => {
  it('an admin creates a member, whose key is shown once, well formed, and signs in as that member', async () => {
    const member = await createMember();
    expect(isWellFormedKey(member.token)).toBe(true);
    expect(member.token.startsWith('bayu_sec_')).toBe(true);
    const answer = await me(member.token);
    expect(answer.body).toEqual({
      kind: 'secretariat',
      account: {
        accountId: member.accountId,
        name: member.name,
        email: expect.any(String),
        role: 'secretariat',
      },
      key: { keyId: member.keyId, hint: `bayu_sec_…${member.token.slice(-4)}` },
    });
    const listed = await local.call('GET', '/v1/accounts', { token: member.token });
    expect(listed.body.items.map((a: any) => a.accountId)).toEqual(
      expect.arrayContaining([LOCAL_ADMIN.accountId, member.accountId]),
    );
  });

  it("refuses an admin's routes to a member (FORBIDDEN), and every route to a unit", async () => {
    const member = await createMember();
    const unit = await createUnit(local.runtime);
    const body = { name: '李四', email: 'li@example.cn', role: 'admin' };
    for (const token of [member.token, unit.token]) {
      const refused = await local.call('POST', '/v1/accounts', { token, body });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      const keys = await local.call('POST', `/v1/accounts/${member.accountId}/keys`, { token });
      expect([keys.status, keys.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    const revokeMember = await local.call('DELETE', `/v1/keys/${member.keyId}`, { token: member.token });
    expect([revokeMember.status, revokeMember.body.code]).toEqual([403, 'FORBIDDEN']);
    const listByUnit = await local.call('GET', '/v1/accounts', { token: unit.token });
    expect(listByUnit.status).toBe(403);
  });

  it('refuses bad bodies with every field error, and unknown accounts and keys with NOT_FOUND', async () => {
    const invalid = await local.call('POST', '/v1/accounts', {
      token: admin(),
      body: { name: '', email: 'not-an-address', role: 'chair', extra: 1 },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.errors.map((e: any) => e.path)).toEqual(['/email', '/extra', '/name', '/role']);
    const past = await local.call('POST', `/v1/accounts/${LOCAL_ADMIN.accountId}/keys`, {
      token: admin(),
      body: { expiresAt: '2023-08-01T00:00:00+08:00' },
    });
    expect([past.status, past.body.errors?.[0]?.path]).toEqual([422, '/expiresAt']);
    const noAccount = await local.call('POST', '/v1/accounts/acct_none/keys', { token: admin() });
    expect([noAccount.status, noAccount.body.code]).toEqual([404, 'NOT_FOUND']);
    const noKey = await local.call('DELETE', '/v1/keys/key_none', { token: admin() });
    expect([noKey.status, noKey.body.code]).toEqual([404, 'NOT_FOUND']);
    const noOwner = await local.call('GET', '/v1/keys', { token: admin() });
    expect([noOwner.status, noOwner.body.errors?.[0]?.path]).toEqual([422, '/owner']);
    const notJson = await local.call('POST', '/v1/accounts', {
      token: admin(),
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(400);
  });
});

describe('keys', () => {
  it('are listed per owner as hints, with who made them and their last use, never a secret or a hash', async () => {
    const member = await createMember();
    const second = await local.call('POST', `/v1/accounts/${member.accountId}/keys`, {
      token: admin(),
      body: { expiresAt: '2023-12-31T00:00:00+08:00' },
    });
    expect(second.status).toBe(201);
    await me(member.token);
    const listed = await local.call('GET', `/v1/keys?owner=${member.accountId}`, { token: member.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        keyId: member.keyId,
        kind: 'secretariat',
        owner: member.accountId,
        hint: `bayu_sec_…${member.token.slice(-4)}`,
        createdBy: LOCAL_ADMIN.accountId,
        lastUsedAt: expect.any(String),
      }),
      expect.objectContaining({ keyId: second.body.key.keyId, expiresAt: '2023-12-30T16:00:00.000Z' }),
    ]);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(member.token);
    expect(text).not.toContain(second.body.token);
    expect(text).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });

  it("a revoked member's key answers 401 at once; the member's other key still works", async () => {
    const member = await createMember();
    const other = await local.call('POST', `/v1/accounts/${member.accountId}/keys`, { token: admin() });
    expect((await me(member.token)).status).toBe(200);

    const revoked = await local.call('DELETE', `/v1/keys/${member.keyId}`, { token: admin() });
    expect(revoked.status).toBe(204);
    const refused = await me(member.token);
    expect([refused.status, refused.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const units = await local.call('GET', '/v1/units', { token: member.token });
    expect(units.status).toBe(401);
    expect((await me(other.body.token)).status).toBe(200);
    // Revoking again changes nothing, and the listing shows when.
    expect((await local.call('DELETE', `/v1/keys/${member.keyId}`, { token: admin() })).status).toBe(204);
    const listed = await local.call('GET', `/v1/keys?owner=${member.accountId}`, { token: admin() });
    expect(listed.body.items.find((k: any) => k.keyId === member.keyId).revokedAt).toEqual(
      expect.any(String),
    );
  });

  it("a member revokes a unit's key, which answers 401 at once", async () => {
    const member = await createMember();
    const unit = await createUnit(local.runtime);
    const { body: keys } = await local.call('GET', `/v1/keys?owner=${unit.unitId}`, { token: member.token });
    expect(keys.items).toEqual([
      expect.objectContaining({ kind: 'unit', owner: unit.unitId, createdBy: LOCAL_ADMIN.accountId }),
    ]);
    expect((await me(unit.token)).status).toBe(200);
    const revoked = await local.call('DELETE', `/v1/keys/${keys.items[0].keyId}`, { token: member.token });
    expect(revoked.status).toBe(204);
    expect((await me(unit.token)).status).toBe(401);
    const submit = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: unit.token,
      body: machineVisionEntry(),
    });
    expect(submit.status).toBe(401);
  });
});

describe('GET /v1/me for a unit', () => {
  it('names the unit (its contact masked) and the key it signed in with', async () => {
    const unit = await createUnit(local.runtime);
    const answer = await me(unit.token);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: 'unit',
      unit: { unitId: unit.unitId, name: unit.name, contact: { phone: '139****1111' } },
      key: { keyId: expect.stringMatching(/^key_/), hint: `bayu_unit_…${unit.token.slice(-4)}` },
    });
    expect(isWellFormedKey(unit.token)).toBe(true);
    expect((await local.call('GET', '/v1/me')).status).toBe(401);
  });
});

describe('a reviewed entry', () => {
  it("names in its history the member who decided, and the unit's creator is recorded", async () => {
    const member = await createMember();
    const unit = await local.call('POST', '/v1/units', {
      token: member.token,
      body: {
        name: '重庆审核测试公司',
        kind: 'enterprise',
        contact: { name: '李明', phone: '13900001111', email: 'unit@example.cn' },
      },
    });
    expect(unit.body.unit).toMatchObject({ createdBy: member.accountId, createdByName: member.name });
    const woman52 = person({
      gender: 'female',
      idNumber: makeIdNumber({ region: '500107', birthDate: '1971-05-01', sequence: 7, gender: 'female' }),
    });
    const created = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: unit.body.token,
      body: machineVisionEntry(woman52),
    });
    expect(created.status).toBe(201);
    const id = created.body.registrationId as string;
    expect((await judged(local.runtime, id)).eligibility.status).toBe('review');

    const decided = await local.call('POST', `/v1/registrations/${id}/review`, {
      token: member.token,
      body: { decision: 'approve', reason: '单位出具证明：该选手为干部岗位' },
    });
    expect(decided.status).toBe(200);
    const read = await local.call('GET', `/v1/registrations/${id}`, { token: unit.body.token });
    expect(read.body.history.at(-1)).toMatchObject({
      action: 'eligibility-reviewed',
      actor: member.accountId,
      actorName: member.name,
      reason: '单位出具证明：该选手为干部岗位',
    });
    expect(read.body.eligibility.review).toMatchObject({ actor: member.accountId, actorName: member.name });
  });

  it('a summary names the member who asked for it', async () => {
    const member = await createMember();
    const summary = await local.call('POST', '/v1/competitions/bayu-2023/summaries', { token: member.token });
    expect(summary.status).toBe(202);
    expect(summary.body).toMatchObject({ requestedBy: member.accountId, requestedByName: member.name });
  });
});

describe('rotating a unit key', () => {
  it('issues a new key; the old one works through its grace, then answers 401; a third is refused', async () => {
    const unit = await createUnit(local.runtime);
    const rotated = await local.call('POST', `/v1/units/${unit.unitId}/keys`, {
      token: admin(),
      body: { graceSeconds: 3600 },
    });
    expect(rotated.status).toBe(201);
    expect(isWellFormedKey(rotated.body.token)).toBe(true);
    expect(rotated.body.key).toMatchObject({
      kind: 'unit',
      owner: unit.unitId,
      createdBy: LOCAL_ADMIN.accountId,
    });
    expect((await me(rotated.body.token)).status).toBe(200);
    expect((await me(unit.token)).status).toBe(200);

    const third = await local.call('POST', `/v1/units/${unit.unitId}/keys`, { token: admin() });
    expect([third.status, third.body.code]).toEqual([409, 'KEY_LIMIT_REACHED']);

    const { body: clock } = await local.call('GET', '/local/clock');
    local.runtime.setClock(Date.parse(clock.now) + 3601_000);
    const expired = await me(unit.token);
    expect([expired.status, expired.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await me(rotated.body.token)).status).toBe(200);
    // The old key is out of its grace: the unit holds one active key again and may rotate.
    const again = await local.call('POST', `/v1/units/${unit.unitId}/keys`, { token: admin() });
    expect(again.status).toBe(201);
    // Without a grace the older key stops at once.
    expect((await me(rotated.body.token)).status).toBe(401);
    expect((await me(again.body.token)).status).toBe(200);
  });

  it('refuses a grace beyond seven days, an unknown unit, and a unit caller', async () => {
    const unit = await createUnit(local.runtime);
    const long = await local.call('POST', `/v1/units/${unit.unitId}/keys`, {
      token: admin(),
      body: { graceSeconds: 7 * 24 * 3600 + 1 },
    });
    expect([long.status, long.body.errors?.[0]?.path]).toEqual([422, '/graceSeconds']);
    const unknown = await local.call('POST', '/v1/units/unit_none/keys', { token: admin() });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    const byUnit = await local.call('POST', `/v1/units/${unit.unitId}/keys`, { token: unit.token });
    expect([byUnit.status, byUnit.body.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('tokens issued before keys were records', () => {
  /** A credential as the API stored it then: the principal alone, no key id, no record. */
  const storeLegacy = async (token: string, principal: Record<string, string>) =>
    documentClient().send(
      new PutCommand({
        TableName: LOCAL_NAMES.table,
        Item: { pk: `TOKEN#${hashToken(token)}`, sk: 'TOKEN', type: 'token', principal, createdAt: OPEN },
      }),
    );

  it("keep working: a unit's as that unit, the shared secretariat token as a member named 大赛执委会", async () => {
    const unit = await createUnit(local.runtime);
    const unitToken = 'bayu_oldUnitToken0123456789abcdefghijklmnopqrstu';
    const sharedToken = 'bayu_oldSharedToken0123456789abcdefghijklmnopqr';
    await storeLegacy(unitToken, { role: 'unit', unitId: unit.unitId });
    await storeLegacy(sharedToken, { role: 'secretariat' });

    expect((await me(unitToken)).body).toMatchObject({
      kind: 'unit',
      unit: { unitId: unit.unitId },
      key: { keyId: 'legacy' },
    });
    expect((await me(sharedToken)).body).toEqual({
      kind: 'secretariat',
      account: { accountId: 'secretariat', name: '大赛执委会', role: 'secretariat' },
      key: { keyId: 'legacy' },
    });
    expect((await local.call('GET', '/v1/units', { token: sharedToken })).status).toBe(200);
    const refused = await local.call('POST', '/v1/accounts', {
      token: sharedToken,
      body: { name: '李四', email: 'li@example.cn', role: 'admin' },
    });
    expect(refused.status).toBe(403);
  });
});
