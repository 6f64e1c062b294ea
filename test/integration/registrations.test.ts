import { describe, expect, it } from 'vitest';
import {
  aiTrainerEmployeeTeam,
  createUnit,
  eventually,
  judged,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';

const local = localRuntimeOfFile({ clockStart: OPEN });

function statuses(responses: Array<{ status: number }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe('submitting a registration', () => {
  it('stores the entry, masks personal data, records history and publishes RegistrationSubmitted', async () => {
    const unit = await createUnit(local.runtime);
    const entry = aiTrainerEmployeeTeam();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });

    expect(created.status).toBe(201);
    const id = created.body.registrationId as string;
    expect(created.headers.get('location')).toBe(`/v1/registrations/${id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      status: 'submitted',
      version: 1,
      eligibility: { status: 'pending' },
    });
    const first = entry.contestants[0]!;
    expect(created.body.contestants[0].idNumber).toBe(
      `${first.idNumber.slice(0, 6)}********${first.idNumber.slice(-4)}`,
    );
    expect(created.body.contestants[0].phone).toBe(`${first.phone.slice(0, 3)}****${first.phone.slice(-4)}`);
    expect(created.body.contestants[0].photo).toEqual({ status: 'missing', reasons: [] });

    const read = await local.call('GET', `/v1/registrations/${id}`, { token: unit.token });
    expect(read.status).toBe(200);
    expect(read.body.history[0]).toEqual({
      version: 1,
      action: 'submitted',
      actor: unit.unitId,
      at: created.body.createdAt,
      changedPaths: [],
    });

    const event = await eventually(() =>
      local.runtime.bus.published.find(
        (e) => e['detail-type'] === 'RegistrationSubmitted' && (e.detail as any).data.registrationId === id,
      ),
    );
    expect(event.source).toBe('bayu.registration');
    expect((event.detail as any).data).toMatchObject({
      unitId: unit.unitId,
      trackId: 'ai-trainer',
      registrationVersion: 1,
    });
    expect((event.detail as any).metadata).toMatchObject({ version: 1, correlationId: expect.any(String) });
  });

  it('lists a unit its own entries page by page, filtered by track', async () => {
    const unit = await createUnit(local.runtime, 'school');
    await local.call('POST', REGISTRATIONS, { token: unit.token, body: aiTrainerEmployeeTeam() });
    await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
    await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });

    const firstPage = await local.call('GET', `${REGISTRATIONS}?limit=2`, { token: unit.token });
    expect(firstPage.body.items).toHaveLength(2);
    const secondPage = await local.call('GET', `${REGISTRATIONS}?limit=2&cursor=${firstPage.body.cursor}`, {
      token: unit.token,
    });
    expect(secondPage.body.items).toHaveLength(1);
    expect(secondPage.body.cursor).toBeUndefined();
    const ids = [...firstPage.body.items, ...secondPage.body.items].map((r: any) => r.registrationId);
    expect(new Set(ids).size).toBe(3);

    const vision = await local.call('GET', `${REGISTRATIONS}?trackId=machine-vision`, { token: unit.token });
    expect(vision.body.items.map((r: any) => r.trackId)).toEqual(['machine-vision', 'machine-vision']);

    const asSecretariat = await local.call('GET', `${REGISTRATIONS}?unitId=${unit.unitId}`, {
      token: local.runtime.secretariatToken,
    });
    expect(asSecretariat.body.items).toHaveLength(3);
  });

  it('answers a forged cursor with 400, not a failure', async () => {
    const unit = await createUnit(local.runtime);
    const forged = Buffer.from(JSON.stringify({ nonsense: 'x' })).toString('base64url');
    const response = await local.call('GET', `${REGISTRATIONS}?cursor=${forged}`, { token: unit.token });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_REQUEST');
  });
});

describe('quota', () => {
  it('lets 50 concurrent submissions from one unit create exactly the quota of 2, the rest QUOTA_FULL', async () => {
    const unit = await createUnit(local.runtime);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() }),
      ),
    );

    expect(statuses(responses)).toEqual({ 201: 2, 409: 48 });
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'QUOTA_FULL')).toBe(true);
    const listed = await local.call('GET', `${REGISTRATIONS}?trackId=machine-vision`, { token: unit.token });
    expect(listed.body.items).toHaveLength(2);
  });

  it('frees the place when an entry is withdrawn', async () => {
    const unit = await createUnit(local.runtime);
    const first = await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
    await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
    expect(
      (await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() })).body.code,
    ).toBe('QUOTA_FULL');

    const withdrawn = await local.call('DELETE', `/v1/registrations/${first.body.registrationId}`, {
      token: unit.token,
    });
    expect(withdrawn.status).toBe(204);
    expect(
      (await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() })).status,
    ).toBe(201);
  });

  it('gives an enterprise no place in the student group', async () => {
    const unit = await createUnit(local.runtime, 'enterprise');
    const body = {
      ...aiTrainerEmployeeTeam(),
      groupId: 'student',
      advisor: { name: '赵老师', phone: '13600001234' },
    };
    body.contestants = [
      person({ identity: 'student', qualificationLevel: null }),
      person({ identity: 'student', qualificationLevel: null }),
    ];
    const response = await local.call('POST', REGISTRATIONS, { token: unit.token, body });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('QUOTA_FULL');
  });
});

describe('one registration per person per track', () => {
  it('accepts the same person from two units at once exactly once', async () => {
    const [a, b] = [await createUnit(local.runtime), await createUnit(local.runtime)];
    const someone = person();
    const responses = await Promise.all([
      local.call('POST', REGISTRATIONS, { token: a.token, body: machineVisionEntry(someone) }),
      local.call('POST', REGISTRATIONS, { token: b.token, body: machineVisionEntry(someone) }),
    ]);
    expect(statuses(responses)).toEqual({ 201: 1, 409: 1 });
    expect(responses.find((r) => r.status === 409)!.body.code).toBe('DUPLICATE_CONTESTANT');
  });

  it('lets the same person enter the other track', async () => {
    const unit = await createUnit(local.runtime);
    const someone = person();
    const team = { ...aiTrainerEmployeeTeam(), contestants: [someone, person()] };
    expect(
      (await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry(someone) }))
        .status,
    ).toBe(201);
    expect((await local.call('POST', REGISTRATIONS, { token: unit.token, body: team })).status).toBe(201);
  });
});

describe('deadline', () => {
  it('refuses a submission 1 ms after closesAt with REGISTRATION_CLOSED and stores nothing', async () => {
    const unit = await createUnit(local.runtime);
    local.runtime.setClock(Date.parse('2023-09-23T00:00:00+08:00') + 1);
    try {
      const response = await local.call('POST', REGISTRATIONS, {
        token: unit.token,
        body: machineVisionEntry(),
      });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('REGISTRATION_CLOSED');
      // The other track is still open until 29 Sep.
      expect(
        (await local.call('POST', REGISTRATIONS, { token: unit.token, body: aiTrainerEmployeeTeam() }))
          .status,
      ).toBe(201);
    } finally {
      local.runtime.setClock(OPEN);
    }
    const listed = await local.call('GET', `${REGISTRATIONS}?trackId=machine-vision`, { token: unit.token });
    expect(listed.body.items).toHaveLength(0);
    const unitEvents = () =>
      local.runtime.bus.published.filter((e) => (e.detail as any).data.unitId === unit.unitId);
    await eventually(() => unitEvents().length > 0);
    expect(unitEvents().map((e) => (e.detail as any).data.trackId)).toEqual(['ai-trainer']);
  });

  it('refuses amendments and withdrawals after the track closes', async () => {
    const unit = await createUnit(local.runtime);
    const entry = machineVisionEntry();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    local.runtime.setClock('2023-09-23T00:00:00+08:00');
    try {
      const path = `/v1/registrations/${created.body.registrationId}`;
      expect((await local.call('PUT', path, { token: unit.token, body: entry })).body.code).toBe(
        'REGISTRATION_CLOSED',
      );
      expect((await local.call('DELETE', path, { token: unit.token })).body.code).toBe('REGISTRATION_CLOSED');
    } finally {
      local.runtime.setClock(OPEN);
    }
  });
});

describe("another unit's records", () => {
  it('answers 404 to reading, amending and withdrawing, and changes nothing', async () => {
    const [owner, other] = [await createUnit(local.runtime), await createUnit(local.runtime)];
    const entry = machineVisionEntry();
    const created = await local.call('POST', REGISTRATIONS, { token: owner.token, body: entry });
    const path = `/v1/registrations/${created.body.registrationId}`;
    const before = await judged(local.runtime, created.body.registrationId);

    const attempts = [
      await local.call('GET', path, { token: other.token }),
      await local.call('PUT', path, { token: other.token, body: machineVisionEntry() }),
      await local.call('DELETE', path, { token: other.token }),
      await local.call('GET', `/v1/units/${owner.unitId}`, { token: other.token }),
    ];
    expect(attempts.map((r) => [r.status, r.body?.code])).toEqual(Array(4).fill([404, 'NOT_FOUND']));

    const after = await local.call('GET', path, { token: owner.token });
    expect(after.body).toMatchObject({ status: 'submitted', version: before.version });
    expect(after.body.history).toHaveLength(before.history.length);
    const otherList = await local.call('GET', `${REGISTRATIONS}?unitId=${owner.unitId}`, {
      token: other.token,
    });
    expect(otherList.body.items).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('creates one registration for 10 concurrent requests with the same key and body', async () => {
    const unit = await createUnit(local.runtime);
    const body = machineVisionEntry();
    const headers = { 'idempotency-key': `key-${unit.unitId}` };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        local.call('POST', REGISTRATIONS, { token: unit.token, body, headers }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 10 });
    expect(new Set(responses.map((r) => r.body.registrationId)).size).toBe(1);
    const listed = await local.call('GET', REGISTRATIONS, { token: unit.token });
    expect(listed.body.items).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const unit = await createUnit(local.runtime);
    const headers = { 'idempotency-key': 'reused-key' };
    expect(
      (await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry(), headers }))
        .status,
    ).toBe(201);
    const second = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(),
      headers,
    });
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
  it('forgets a key after a day', async () => {
    const unit = await createUnit(local.runtime);
    const headers = { 'idempotency-key': 'daily-key' };
    const first = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(),
      headers,
    });
    local.runtime.setClock(Date.parse(OPEN) + 25 * 3600 * 1000);
    try {
      const later = await local.call('POST', REGISTRATIONS, {
        token: unit.token,
        body: machineVisionEntry(),
        headers,
      });
      expect(later.status).toBe(201);
      expect(later.body.registrationId).not.toBe(first.body.registrationId);
    } finally {
      local.runtime.setClock(OPEN);
    }
  });
});

describe('amending', () => {
  it('replaces the people unless a person changed the entry since the version read, records what changed and frees a replaced person', async () => {
    const [unit, other] = [await createUnit(local.runtime), await createUnit(local.runtime)];
    const entry = aiTrainerEmployeeTeam();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    const path = `/v1/registrations/${created.body.registrationId}`;
    const replaced = entry.contestants[1]!;
    const amended = { ...entry, contestants: [entry.contestants[0]!, person()] };
    const { version } = await judged(local.runtime, created.body.registrationId);

    const stale = await local.call('PUT', path, {
      token: unit.token,
      body: amended,
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    // The version the unit read at submission: only the eligibility check's result was stored since.
    expect(created.headers.get('etag')).toBe('"1"');
    const response = await local.call('PUT', path, {
      token: unit.token,
      body: amended,
      headers: { 'if-match': '"1"' },
    });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(version + 1);
    // Sent again on that version, the same change would overwrite the amendment: refused.
    const overwriting = await local.call('PUT', path, {
      token: unit.token,
      body: entry,
      headers: { 'if-match': '"1"' },
    });
    expect(overwriting.status).toBe(409);
    expect(overwriting.body.code).toBe('VERSION_CONFLICT');
    const read = await local.call('GET', path, { token: unit.token });
    expect(read.body.history.map((h: any) => h.action)).toEqual([
      'submitted',
      'eligibility-evaluated',
      'amended',
    ]);
    expect(read.body.history[2].changedPaths).toEqual(expect.arrayContaining(['/contestants/1/idNumber']));

    const team = { ...aiTrainerEmployeeTeam(), contestants: [replaced, person()] };
    expect((await local.call('POST', REGISTRATIONS, { token: other.token, body: team })).status).toBe(201);
    await eventually(() =>
      local.runtime.bus.published.find(
        (e) =>
          e['detail-type'] === 'RegistrationAmended' &&
          (e.detail as any).data.registrationId === created.body.registrationId,
      ),
    );
  });

  it('takes the masked numbers back as shown, standing for the stored ones, and changes only what changed', async () => {
    const unit = await createUnit(local.runtime);
    const entry = aiTrainerEmployeeTeam();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    const path = `/v1/registrations/${created.body.registrationId}`;
    await judged(local.runtime, created.body.registrationId);
    const shown = await local.call('GET', path, { token: unit.token });
    expect(shown.body.contestants[0].idNumber).toContain('*');

    const { trackId, groupId, leader, contestants } = shown.body;
    const body = {
      trackId,
      groupId,
      leader,
      contestants: contestants.map(({ photo: _photo, birthDate: _birth, ...c }: any, i: number) =>
        i === 0 ? { ...c, address: '重庆市九龙坡区杨家坪正街2号' } : c,
      ),
    };
    const response = await local.call('PUT', path, {
      token: unit.token,
      body,
      headers: { 'if-match': shown.headers.get('etag') ?? '' },
    });
    expect(response.status).toBe(200);
    // Compared with the stored entry, only the address changed: the numbers behind the masks are kept whole.
    const read = await local.call('GET', path, { token: unit.token });
    expect(read.body.history.at(-1).changedPaths).toEqual(['/contestants/0/address']);
    expect(read.body.contestants[0].address).toBe('重庆市九龙坡区杨家坪正街2号');
  });

  it('cannot move an entry to another group', async () => {
    const unit = await createUnit(local.runtime, 'school');
    const entry = aiTrainerEmployeeTeam();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    const moved = {
      ...entry,
      groupId: 'student',
      advisor: { name: '赵老师', phone: '13600001234' },
      contestants: entry.contestants.map((c) => ({ ...c, identity: 'student' })),
    };
    const response = await local.call('PUT', `/v1/registrations/${created.body.registrationId}`, {
      token: unit.token,
      body: moved,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { path: '/groupId', code: 'IMMUTABLE_FIELD', message: 'groupId cannot change' },
    ]);
  });
});

describe('withdrawing', () => {
  it('answers 204, publishes RegistrationWithdrawn, and a second withdrawal changes nothing', async () => {
    const unit = await createUnit(local.runtime);
    const created = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(),
    });
    const path = `/v1/registrations/${created.body.registrationId}`;
    const { version } = await judged(local.runtime, created.body.registrationId);
    expect((await local.call('DELETE', path, { token: unit.token })).status).toBe(204);
    expect((await local.call('DELETE', path, { token: unit.token })).status).toBe(204);
    const read = await local.call('GET', path, { token: unit.token });
    expect(read.body).toMatchObject({ status: 'withdrawn', version: version + 1 });
    expect(read.body.history.map((h: any) => h.action)).toEqual([
      'submitted',
      'eligibility-evaluated',
      'withdrawn',
    ]);
    await eventually(() =>
      local.runtime.bus.published.find(
        (e) =>
          e['detail-type'] === 'RegistrationWithdrawn' &&
          (e.detail as any).data.registrationId === created.body.registrationId,
      ),
    );
  });
});

describe('bad requests', () => {
  it('answers problem+json with a stable code for each kind of mistake, never a 500', async () => {
    const unit = await createUnit(local.runtime);
    const raw = async (init: RequestInit) => {
      const r = await fetch(`${local.runtime.baseUrl}${REGISTRATIONS}`, init);
      return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any };
    };
    const auth = { authorization: `Bearer ${unit.token}` };

    const notJson = await raw({
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"trackId":',
    });
    const wrongType = await raw({
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: '{}',
    });
    const noToken = await raw({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const invalid = await raw({
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ...machineVisionEntry(person({ phone: '12345', postcode: '4000' })), extra: 1 }),
    });

    expect([notJson, wrongType, noToken, invalid].map((r) => [r.status, r.body.code, r.type])).toEqual([
      [400, 'MALFORMED_REQUEST', 'application/problem+json'],
      [400, 'MALFORMED_REQUEST', 'application/problem+json'],
      [401, 'UNAUTHENTICATED', 'application/problem+json'],
      [422, 'VALIDATION_FAILED', 'application/problem+json'],
    ]);
    expect(invalid.body.errors.map((e: any) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['/extra', 'UNKNOWN_FIELD'],
        ['/contestants/0/phone', 'INVALID_PHONE'],
        ['/contestants/0/postcode', 'INVALID_POSTCODE'],
      ]),
    );
  });

  it('says what is wrong with each field in Chinese too, beside the English', async () => {
    const unit = await createUnit(local.runtime);
    const entry = machineVisionEntry();
    const good = entry.contestants[0]!.idNumber;
    const wrongCheckDigit = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const response = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: {
        ...entry,
        contestants: [{ ...entry.contestants[0]!, idNumber: wrongCheckDigit, phone: '12345' }],
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/contestants/0/idNumber',
          code: 'INVALID_ID_NUMBER',
          messageZh: '身份证号码的校验位（最后一位）不正确，请逐位核对',
        }),
        expect.objectContaining({
          path: '/contestants/0/phone',
          code: 'INVALID_PHONE',
          messageZh: '手机号码应为11位手机号码（以13至19开头）',
        }),
      ]),
    );
    expect(response.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('keeps the secretariat-only routes from units and registrations from the secretariat', async () => {
    const unit = await createUnit(local.runtime);
    const createUnitAsUnit = await local.call('POST', '/v1/units', { token: unit.token, body: {} });
    const submitAsSecretariat = await local.call('POST', REGISTRATIONS, {
      token: local.runtime.secretariatToken,
      body: machineVisionEntry(),
    });
    expect([createUnitAsUnit.status, createUnitAsUnit.body.code]).toEqual([403, 'FORBIDDEN']);
    expect([submitAsSecretariat.status, submitAsSecretariat.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('answers an unknown competition with 404', async () => {
    const unit = await createUnit(local.runtime);
    const response = await local.call('POST', '/v1/competitions/bayu-1999/registrations', {
      token: unit.token,
      body: machineVisionEntry(),
    });
    expect([response.status, response.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe("a contestant's whole numbers", () => {
  it('are shown to the secretariat only, each showing recorded in history with the member, the entry unchanged', async () => {
    const unit = await createUnit(local.runtime);
    const entry = aiTrainerEmployeeTeam();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    const id = created.body.registrationId as string;
    const before = await judged(local.runtime, id);
    const path = `/v1/registrations/${id}/contestants/1/numbers`;

    const refused = await local.call('POST', path, { token: unit.token });
    expect(refused.status).toBe(403);
    const shown = await local.call('POST', path, { token: local.runtime.secretariatToken });
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.body).toEqual({
      idNumber: entry.contestants[1]!.idNumber,
      phone: entry.contestants[1]!.phone,
    });
    for (const index of ['2', 'x', '-1'])
      expect(
        (
          await local.call('POST', `/v1/registrations/${id}/contestants/${index}/numbers`, {
            token: local.runtime.secretariatToken,
          })
        ).status,
      ).toBe(404);

    const read = await local.call('GET', `/v1/registrations/${id}`, { token: unit.token });
    expect(read.body.version).toBe(before.version);
    expect(read.body.history.at(-1)).toEqual({
      version: before.version,
      action: 'personal-data-viewed',
      actor: 'acct_local-admin',
      actorName: '执委会管理员',
      at: expect.any(String),
      changedPaths: [],
      viewedPaths: ['/contestants/1/idNumber', '/contestants/1/phone'],
    });
    expect(JSON.stringify(read.body.history)).not.toContain(entry.contestants[1]!.idNumber);

    // A look never makes the unit's amendment conflict: the version it read still holds.
    const amended = await local.call('PUT', `/v1/registrations/${id}`, {
      token: unit.token,
      body: entry,
      headers: { 'if-match': `"${before.version}"` },
    });
    expect(amended.status).toBe(200);
  });
});
