import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, LOCAL_NAMES } from '#infra/local/runtime.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import {
  createUnit,
  eventually,
  judged as judgedBy,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';

const local = localRuntimeOfFile({ clockStart: OPEN });
const judged = (id: string, done?: (r: any) => boolean) => judgedBy(local.runtime, id, done);

let sequence = 0;
/** A contestant born on `birthDate` (the ID number carries it). */
function bornOn(birthDate: string, gender: 'male' | 'female', overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const idNumber = makeIdNumber({ region: '500107', birthDate, sequence, gender });
  return person({ gender, idNumber, ...overrides });
}

async function tableItemCount(): Promise<number> {
  const client = new DynamoDBClient({});
  let count = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: LOCAL_NAMES.table,
        Select: 'COUNT',
        ExclusiveStartKey: start,
        // Every authenticated request counts against its key's rate limit and stamps the key's last use; those
        // are not stored data.
        FilterExpression: 'NOT begins_with(pk, :rateLimit) AND NOT begins_with(pk, :keyUse)',
        ExpressionAttributeValues: { ':rateLimit': { S: 'RATE#' }, ':keyUse': { S: 'KEYUSE#' } },
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return count;
}

const read = (id: string, token = local.runtime.secretariatToken) =>
  local.call('GET', `/v1/registrations/${id}`, { token }).then((r) => r.body);

const expectFinding = (registration: any, finding: Record<string, unknown>) =>
  expect(registration.eligibility.findings).toContainEqual(expect.objectContaining(finding));

const eventsOf = (id: string, type: string) =>
  local.runtime.bus.published.filter(
    (e) => e['detail-type'] === type && (e.detail as any).data.registrationId === id,
  );

describe('validating a draft', () => {
  it('returns the findings of every single-entry rule and stores nothing', async () => {
    const unit = await createUnit(local.runtime);
    const before = await tableItemCount();

    const underAge = await local.call('POST', `${REGISTRATIONS}/validate`, {
      token: unit.token,
      body: machineVisionEntry(bornOn('2007-10-14', 'male')),
    });
    const invalid = await local.call('POST', `${REGISTRATIONS}/validate`, {
      token: unit.token,
      body: machineVisionEntry(person({ phone: '123' })),
    });

    expect(underAge.status).toBe(200);
    expect(underAge.body.status).toBe('failed');
    expect(underAge.body.crossEntryChecked).toBe(false);
    expect(underAge.body.findings).toContainEqual(
      expect.objectContaining({
        rule: 'minimum-age',
        outcome: 'failed',
        code: 'AGE_BELOW_MINIMUM',
        contestantIndex: 0,
      }),
    );
    expect([invalid.status, invalid.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(await tableItemCount()).toBe(before);
  });
});

describe('evaluation on submission', () => {
  it('rejects an entry with an under-age contestant, with the age finding, and frees its quota place', async () => {
    const unit = await createUnit(local.runtime);
    const created = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(bornOn('2007-10-14', 'male')),
    });
    expect(created.status).toBe(201);
    const id = created.body.registrationId;

    const rejected = await judged(id, (r) => r.status === 'rejected');
    expect(rejected.eligibility).toMatchObject({ status: 'failed', entryVersion: 1 });
    expectFinding(rejected, { rule: 'minimum-age', outcome: 'failed', code: 'AGE_BELOW_MINIMUM' });
    expect(rejected.history.map((h: any) => h.action)).toEqual(['submitted', 'eligibility-evaluated']);
    await eventually(() => eventsOf(id, 'RegistrationRejected').length === 1);
    expect(eventsOf(id, 'EligibilityEvaluated')).toHaveLength(1);

    // Both places of the unit are free again: the rejected entry holds none.
    for (let i = 0; i < 2; i += 1) {
      expect(
        (await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() })).status,
      ).toBe(201);
    }
  });

  it('sends a woman employee aged 52 to review; the secretariat approves, recorded in history', async () => {
    const unit = await createUnit(local.runtime);
    const created = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(bornOn('1971-05-01', 'female')),
    });
    const id = created.body.registrationId;
    const inReview = await judged(id);
    expect(inReview.eligibility.status).toBe('review');
    expectFinding(inReview, {
      rule: 'retirement-age',
      outcome: 'review',
      code: 'RETIREMENT_POST_UNDECLARED',
    });

    const queue = await local.call('GET', '/v1/competitions/bayu-2023/reviews?trackId=machine-vision', {
      token: local.runtime.secretariatToken,
    });
    expect(queue.body.items.map((r: any) => r.registrationId)).toContain(id);
    const asUnit = await local.call('GET', '/v1/competitions/bayu-2023/reviews', { token: unit.token });
    expect(asUnit.status).toBe(403);

    const decided = await local.call('POST', `/v1/registrations/${id}/review`, {
      token: local.runtime.secretariatToken,
      body: { decision: 'approve', reason: '单位出具证明：该选手为干部岗位' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.eligibility.status).toBe('passed');
    expect(decided.body.status).toBe('submitted'); // photos are still missing

    const after = await read(id, unit.token);
    const last = after.history.at(-1);
    expect(last).toMatchObject({
      action: 'eligibility-reviewed',
      actor: LOCAL_ADMIN.accountId,
      actorName: LOCAL_ADMIN.name,
      reason: '单位出具证明：该选手为干部岗位',
      at: decided.body.updatedAt,
    });
    const again = await local.call('POST', `/v1/registrations/${id}/review`, {
      token: local.runtime.secretariatToken,
      body: { decision: 'reject', reason: '重复' },
    });
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('leaves one correct evaluation when events repeat or arrive out of order', async () => {
    const unit = await createUnit(local.runtime);
    const entry = machineVisionEntry();
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    const id = created.body.registrationId;
    await judged(id);
    const amended = await local.call('PUT', `/v1/registrations/${id}`, {
      token: unit.token,
      body: machineVisionEntry(person()),
    });
    expect(amended.status).toBe(200);
    const evaluated = await judged(id, (r) => r.eligibility.entryVersion === 2);
    const submittedEvent = await eventually(() => eventsOf(id, 'RegistrationSubmitted')[0]);
    const amendedEvent = await eventually(() => eventsOf(id, 'RegistrationAmended')[0]);

    // The older event after the newer one, and the newer one twice.
    for (const event of [submittedEvent, amendedEvent, amendedEvent]) {
      local.runtime.bus.put({
        Source: event.source,
        DetailType: event['detail-type'],
        Detail: JSON.stringify(event.detail),
      });
    }
    await local.runtime.bus.settled();

    const final = await read(id);
    expect(final.version).toBe(evaluated.version);
    expect(final.eligibility).toEqual(evaluated.eligibility);
    expect(final.history.map((h: any) => h.action)).toEqual([
      'submitted',
      'eligibility-evaluated',
      'amended',
      'eligibility-evaluated',
    ]);
    expect(eventsOf(id, 'EligibilityEvaluated')).toHaveLength(2);
  });
});

describe('the review queue', () => {
  it('lists only entries in review, page by page, to the secretariat', async () => {
    const unit = await createUnit(local.runtime, 'school');
    const ids: string[] = [];
    for (const birthDate of ['1970-03-01', '1972-03-01']) {
      const created = await local.call('POST', REGISTRATIONS, {
        token: unit.token,
        body: machineVisionEntry(bornOn(birthDate, 'female')),
      });
      ids.push(created.body.registrationId);
      await judged(created.body.registrationId);
    }
    const pages: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await local.call(
        'GET',
        `/v1/competitions/bayu-2023/reviews?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: local.runtime.secretariatToken },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      pages.push(...page.body.items);
      cursor = page.body.cursor;
    } while (cursor);
    const listed = pages.map((r) => r.registrationId);
    expect(listed).toEqual(expect.arrayContaining(ids));
    expect(new Set(listed).size).toBe(listed.length);
    expect(pages.every((r) => r.eligibility.status === 'review' && r.status === 'submitted')).toBe(true);
    expect(pages[0].contestants[0].idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });
});

describe('cross-entry rules', () => {
  it('puts a conflict on the later entry only, moves it when the earlier entry changes its people, and clears it on withdrawal', async () => {
    const [school, company] = [await createUnit(local.runtime, 'school'), await createUnit(local.runtime)];
    const advisor = { name: '李建国', phone: '13600009999' };
    const student = () =>
      person({
        identity: 'student',
        qualificationLevel: null,
        declarations: { fullTimeEnrolledInChongqing: true },
      });
    const first = await local.call('POST', REGISTRATIONS, {
      token: school.token,
      body: { ...machineVisionEntry(student()), advisor },
    });
    expect(first.status).toBe(201);
    const firstId = first.body.registrationId;
    expect((await judged(firstId)).eligibility.status).toBe('passed');

    const later = await local.call('POST', REGISTRATIONS, {
      token: company.token,
      body: machineVisionEntry(person({ name: advisor.name, phone: advisor.phone })),
    });
    const laterId = later.body.registrationId;
    const laterJudged = await judged(laterId);
    expect(laterJudged.eligibility.status).toBe('review');
    expectFinding(laterJudged, { code: 'CONTESTANT_IS_ADVISOR_ELSEWHERE', relatedRegistrationId: firstId });
    await local.runtime.bus.settled();
    expect((await read(firstId)).eligibility).toMatchObject({ status: 'passed', entryVersion: 1 });

    // The school now enters another student under the same advisor: its change makes the match, so it answers.
    const amended = await local.call('PUT', `/v1/registrations/${firstId}`, {
      token: school.token,
      body: { ...machineVisionEntry(student()), advisor },
    });
    expect(amended.status).toBe(200);
    const firstAgain = await judged(firstId, (r) => r.eligibility.entryVersion === 2);
    expectFinding(firstAgain, { code: 'ADVISOR_IS_CONTESTANT_ELSEWHERE', relatedRegistrationId: laterId });
    await judged(laterId, (r) => r.eligibility.status === 'passed');

    expect(
      (await local.call('DELETE', `/v1/registrations/${laterId}`, { token: company.token })).status,
    ).toBe(204);
    await judged(firstId, (r) => r.eligibility.status === 'passed');
  });
});

describe('the exclusion list', () => {
  it('keeps only hashes and rejects a registered contestant once listed', async () => {
    const unit = await createUnit(local.runtime);
    const listed = person();
    const created = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(listed),
    });
    const id = created.body.registrationId;
    expect((await judged(id)).eligibility.status).toBe('passed');

    const bad = await local.call('PUT', '/v1/competitions/bayu-2023/exclusions', {
      token: local.runtime.secretariatToken,
      body: { idNumbers: ['123'] },
    });
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: '/idNumbers/0', code: 'INVALID_ID_NUMBER' }),
    ]);

    const put = await local.call('PUT', '/v1/competitions/bayu-2023/exclusions', {
      token: local.runtime.secretariatToken,
      body: { idNumbers: [listed.idNumber] },
    });
    expect(put.body).toMatchObject({ count: 1, reevaluated: 1 });
    const rejected = await read(id);
    expect(rejected.status).toBe('rejected');
    expectFinding(rejected, { rule: 'exclusions', code: 'EXCLUDED_BY_LIST' });
    const client = new DynamoDBClient({});
    const scan = await client.send(new ScanCommand({ TableName: LOCAL_NAMES.table }));
    client.destroy();
    const exclusions = scan.Items?.find((i) => i.pk?.S === 'EXCLUSIONS#bayu-2023');
    expect(JSON.stringify(exclusions)).not.toContain(listed.idNumber);

    // What the console shows of it: the size, when and by whom; never a number or a hash.
    const facts = await local.call('GET', '/v1/competitions/bayu-2023/exclusions', {
      token: local.runtime.secretariatToken,
    });
    expect(facts.body).toEqual({
      competitionId: 'bayu-2023',
      count: 1,
      updatedAt: put.body.updatedAt,
      actor: LOCAL_ADMIN.accountId,
      actorName: LOCAL_ADMIN.name,
    });
    const forUnit = await local.call('GET', '/v1/competitions/bayu-2023/exclusions', { token: unit.token });
    expect(forUnit.status).toBe(403);
  });
});

describe('finding entries by a whole ID number', () => {
  it("gives the secretariat the active entries naming the person in every track, by the number's keyed hash", async () => {
    const unit = await createUnit(local.runtime, 'school');
    const sought = bornOn('2003-04-05', 'male', { identity: 'student', qualificationLevel: null });
    const search = (body: unknown, token = local.runtime.secretariatToken) =>
      local.call('POST', `${REGISTRATIONS}/search`, { token, body });
    const entered = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(sought),
    });
    expect(entered.status).toBe(201);
    const other = await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
    expect(other.status).toBe(201);

    const found = await search({ idNumber: sought.idNumber.toLowerCase() });
    expect(found.status).toBe(200);
    expect(found.body.items.map((r: any) => r.registrationId)).toEqual([entered.body.registrationId]);
    expect(found.body.items[0].contestants[0].idNumber).toContain('*');
    expect(
      (await search({ idNumber: makeIdNumber({ birthDate: '1990-01-01', sequence: 3, gender: 'male' }) }))
        .body.items,
    ).toEqual([]);

    const bad = await search({ idNumber: sought.idNumber.slice(0, 17) });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: '/idNumber', code: 'INVALID_ID_NUMBER' }),
    ]);
    expect((await search({ name: '张' })).status).toBe(422);
    expect((await search({ idNumber: sought.idNumber }, unit.token)).status).toBe(403);

    // Withdrawn, the entry holds the person no more.
    await local.call('DELETE', `/v1/registrations/${entered.body.registrationId}`, { token: unit.token });
    expect((await search({ idNumber: sought.idNumber })).body.items).toEqual([]);
  });
});
