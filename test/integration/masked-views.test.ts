/**
 * A masked ID number hides the birth date (characters 7-14); nothing a unit receives may hand it back. This
 * walks a unit's whole flow through the local gateway (submit, replay, list, get, photo grant, validate, amend,
 * the evaluation's findings, errors, mails) and searches every answer and mail for the contestants' birth dates.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../support/id-numbers.ts';
import {
  type ApiResponse,
  createUnit,
  eventually,
  judged,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { mailsNaming, outbox } from '../support/outbox.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';

const local = localRuntimeOfFile({ clockStart: OPEN });

/** Two people: one eligible, one past the retirement age (the finding about it names dates). */
const YOUNG = { birthDate: '1987-11-29', gender: 'male' as const };
const RETIRED = { birthDate: '1961-10-27', gender: 'male' as const };
const young = person({
  idNumber: makeIdNumber({ region: '500107', sequence: 71, ...YOUNG }),
  gender: 'male',
});
const retired = person({
  idNumber: makeIdNumber({ region: '500107', sequence: 73, ...RETIRED }),
  gender: 'male',
});

/** Every way a text may spell a birth date, or the month and day after some year (e.g. a date it passes). */
function birthDateSpellings(birthDate: string): RegExp[] {
  const [year, month, day] = birthDate.split('-') as [string, string, string];
  const m = String(Number(month));
  const d = String(Number(day));
  return [
    new RegExp(`${year}\\D{0,3}${month}\\D{0,3}${day}`),
    new RegExp(`${year}\\s*年\\s*0?${m}\\s*月\\s*0?${d}`),
    new RegExp(`\\d{4}[-/.]${month}[-/.]${day}`),
    new RegExp(`(?<!\\d)0?${m}月0?${d}日`),
  ];
}

function expectNoBirthDate(what: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const { birthDate } of [YOUNG, RETIRED]) {
    for (const spelling of birthDateSpellings(birthDate)) {
      expect(spelling.test(text), `${what} spells ${birthDate} as ${spelling}: ${text}`).toBe(false);
    }
  }
}

describe('what a unit receives', () => {
  it('never carries a birth date beside the masked ID number', async () => {
    const unit = await createUnit(local.runtime);
    const seen: Array<[string, ApiResponse]> = [];
    const call = async (
      what: string,
      method: string,
      path: string,
      options: Record<string, unknown> = {},
    ) => {
      const response = await local.call(method, path, { token: unit.token, ...options });
      seen.push([what, response]);
      return response;
    };
    const entry = { ...machineVisionEntry(young), contestants: [{ ...young, birthDate: YOUNG.birthDate }] };
    const key = { 'idempotency-key': 'masked-flow' };

    const submitted = await call('submit', 'POST', REGISTRATIONS, { body: entry, headers: key });
    expect(submitted.status).toBe(201);
    expect(submitted.body.contestants[0].idNumber).toMatch(/^500107\*{8}\d{3}[\dX]$/);
    const id = submitted.body.registrationId as string;
    expect((await call('replay', 'POST', REGISTRATIONS, { body: entry, headers: key })).status).toBe(201);
    await judged(local.runtime, id);
    expect((await call('list', 'GET', `${REGISTRATIONS}?trackId=machine-vision`)).status).toBe(200);
    expect((await call('get', 'GET', `/v1/registrations/${id}`)).status).toBe(200);
    expect((await call('photo grant', 'POST', `/v1/registrations/${id}/contestants/0/photo`)).status).toBe(
      201,
    );

    const draft = machineVisionEntry(retired);
    const validated = await call('validate', 'POST', `${REGISTRATIONS}/validate`, { body: draft });
    expect(validated.body.findings).toContainEqual(
      expect.objectContaining({ code: 'RETIREMENT_AGE_REACHED', outcome: 'failed' }),
    );
    const amended = await call('amend', 'PUT', `/v1/registrations/${id}`, { body: draft });
    expect(amended.status).toBe(200);
    await judged(local.runtime, id, (r) => r.status === 'rejected');
    const rejected = await call('get after evaluation', 'GET', `/v1/registrations/${id}`);
    expect(rejected.body.eligibility.findings).toContainEqual(
      expect.objectContaining({ code: 'RETIREMENT_AGE_REACHED' }),
    );

    const mismatch = { ...machineVisionEntry(young), contestants: [{ ...young, birthDate: '1987-11-28' }] };
    expect((await call('mismatched birth date', 'POST', REGISTRATIONS, { body: mismatch })).status).toBe(422);
    const badDay = { ...young, idNumber: `${young.idNumber.slice(0, 12)}32${young.idNumber.slice(14)}` };
    expect(
      (
        await call('impossible birth date', 'POST', `${REGISTRATIONS}/validate`, {
          body: machineVisionEntry(badDay),
        })
      ).status,
    ).toBe(422);
    expect((await call('reused key', 'POST', REGISTRATIONS, { body: draft, headers: key })).status).toBe(422);
    expect((await call('withdrawn entry', 'PUT', `/v1/registrations/${id}`, { body: draft })).status).toBe(
      409,
    );

    const mails = await eventually(async () => {
      const ofUnit = mailsNaming(await outbox(local.runtime), unit.name);
      return ofUnit.some((m) => m.subject.includes('未通过') || m.subject.includes('不符合'))
        ? ofUnit
        : undefined;
    });
    seen.push(['mail log', await local.call('GET', `/v1/units/${unit.unitId}/mails`, { token: unit.token })]);

    for (const [what, response] of seen) expectNoBirthDate(what, response.body);
    for (const mail of mails) expectNoBirthDate(`mail ${mail.subject}`, mail);
  });
});
