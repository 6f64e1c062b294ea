/**
 * Defect 1 of issue 10, end to end through the local gateway: a unit that names another unit's contestant as its
 * advisor minutes before closing can neither knock that unit's finished entry back into review (and so have the
 * closing expire it) nor learn anything about it.
 */
import { describe, expect, it } from 'vitest';
import {
  createUnit,
  eventually,
  judged as judgedBy,
  machineVisionEntry,
  person,
  uploadPhoto,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { mailsNaming, outbox } from '../support/outbox.ts';
import { makePhoto } from '../support/photos.ts';

const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const CLOSES_AT_MS = Date.parse('2023-09-23T00:00:00+08:00');
const SECRETARIAT_ADDRESS = '86905070@qq.com';

const local = localRuntimeOfFile({ clockStart: '2023-09-01T09:00:00+08:00' });
const judged = (id: string, done?: (r: any) => boolean) => judgedBy(local.runtime, id, done);
const setClock = (ms: number) =>
  local.call('PUT', '/local/clock', { body: { now: new Date(ms).toISOString() } });

/** A unit's entry of one contestant, eligible and with its photo accepted: `complete`. */
async function completeEntry(kind: 'enterprise' | 'school', body: ReturnType<typeof machineVisionEntry>) {
  const unit = await createUnit(local.runtime, kind);
  const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body });
  expect(created.status).toBe(201);
  const registrationId = created.body.registrationId as string;
  await judged(registrationId, (r) => r.eligibility.status === 'passed');
  await uploadPhoto(local.runtime, { token: unit.token, registrationId, index: 0, file: await makePhoto() });
  await judged(registrationId, (r) => r.status === 'complete');
  return { unit, registrationId, created: created.body };
}

describe("a unit naming another unit's contestant as its advisor minutes before closing", () => {
  it("leaves the other unit's complete entry complete through the closing, and tells the first unit nothing of it", async () => {
    const contestantOfB = person();
    const b = await completeEntry('enterprise', machineVisionEntry(contestantOfB));
    const entryOfA = machineVisionEntry(
      person({
        identity: 'student',
        qualificationLevel: null,
        declarations: { fullTimeEnrolledInChongqing: true },
      }),
    );
    const a = await completeEntry('school', entryOfA);
    const unitResponses: unknown[] = [a.created];

    await setClock(CLOSES_AT_MS - 5 * 60_000);
    const amended = await local.call('PUT', `/v1/registrations/${a.registrationId}`, {
      token: a.unit.token,
      body: { ...entryOfA, advisor: { name: contestantOfB.name, phone: contestantOfB.phone } },
    });
    expect(amended.status).toBe(200);
    unitResponses.push(amended.body);
    const inReview = await judged(a.registrationId, (r) => r.eligibility.entryVersion === 2);
    expect(inReview.eligibility.status).toBe('review');
    expect(inReview.eligibility.findings).toContainEqual(
      expect.objectContaining({ code: 'ADVISOR_IS_CONTESTANT_ELSEWHERE', outcome: 'review' }),
    );
    await local.runtime.bus.settled();
    const bAfterAmendment = await judged(b.registrationId);
    expect(bAfterAmendment.status).toBe('complete');
    expect(bAfterAmendment.eligibility.status).toBe('passed');

    // The closing schedule fires on the app clock: two seconds before the deadline, then real time.
    await setClock(CLOSES_AT_MS - 2000);
    const report = await eventually(async () =>
      (await outbox(local.runtime)).find((m) => m.destination.to.includes(SECRETARIAT_ADDRESS)),
    );
    await local.runtime.bus.settled();
    expect((await judged(b.registrationId)).status).toBe('complete');
    const aAfterClosing = await judged(a.registrationId);
    expect(aAfterClosing).toMatchObject({ status: 'submitted', eligibility: { status: 'review' } });
    expect(report.body.text).toContain(a.registrationId);
    expect(report.body.text).toContain('待大赛执委会复核');

    // The secretariat finds the conflict in its queue, through A's entry, with the other entry's id.
    const queue = await local.call('GET', '/v1/competitions/bayu-2023/reviews?trackId=machine-vision', {
      token: local.runtime.secretariatToken,
    });
    const queued = queue.body.items.find((r: any) => r.registrationId === a.registrationId);
    expect(queued.eligibility.findings).toContainEqual(
      expect.objectContaining({ relatedRegistrationId: b.registrationId }),
    );
    expect(queue.body.items.map((r: any) => r.registrationId)).not.toContain(b.registrationId);

    // Nothing A reads names B: its entry, its listing, an attempt at B's entry, and its mails.
    for (const path of [
      `/v1/registrations/${a.registrationId}`,
      `${REGISTRATIONS}?trackId=machine-vision`,
      `/v1/registrations/${b.registrationId}`,
    ]) {
      unitResponses.push((await local.call('GET', path, { token: a.unit.token })).body);
    }
    const mailsOfA = mailsNaming(await outbox(local.runtime), a.unit.name);
    expect(mailsOfA.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('资格需人工复核'),
        expect.stringContaining('报名已截止'),
      ]),
    );
    // A typed the name and phone itself: its own advisor field may echo them (the phone masked), nothing else.
    const withoutOwnAdvisor = JSON.stringify(unitResponses, (key, value) =>
      key === 'advisor' ? undefined : value,
    );
    for (const text of [withoutOwnAdvisor, JSON.stringify(mailsOfA)]) {
      expect(text).not.toContain(b.registrationId);
      expect(text).not.toContain(contestantOfB.name);
      expect(text).not.toContain(contestantOfB.phone);
    }
    expect(JSON.stringify(unitResponses)).not.toContain(contestantOfB.phone);
    expect(JSON.stringify(unitResponses)).not.toContain('relatedRegistrationId');
  });
});
