import { describe, expect, it } from 'vitest';
import { registrationStore } from '#shared/composition.ts';
import type { Registration } from '#shared/domain/registration.ts';
import { updateRegistration } from '#shared/use-cases/registration-updates.ts';
import { createUnit, eventually, firedSchedules, judged, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { mailsNaming, outbox } from '../support/outbox.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
/** The machine-vision reminder one day before its deadline (2023-09-23T00:00+08:00). */
const ONE_DAY_REMINDER = '2023-09-22T00:00:00+08:00';

const local = localRuntimeOfFile({ clockStart: OPEN });

/**
 * Eligibility and photo checks are built on other branches: the states they would reach are written straight
 * into the store here, as a system change (a new version, no event).
 */
async function setState(registrationId: string, edit: (r: Registration) => Partial<Registration>) {
  await updateRegistration(registrationStore(), registrationId, (current) => {
    const version = current.version + 1;
    return {
      change: {
        registration: { ...current, ...edit(current), version },
        history: { version, action: 'amended', actor: 'test', at: current.updatedAt, changedPaths: [] },
      },
      events: [],
    };
  });
}

const accepted = (r: Registration) =>
  r.contestants.map((c) => ({ ...c, photo: { status: 'accepted' as const, reasons: [] } }));

async function submit(unit: { token: string }) {
  const response = await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const id = response.body.registrationId as string;
  // The eligibility check runs on every submission; let it finish so that the states these tests set stay set.
  await judged(local.runtime, id);
  return id;
}

describe('mails about registrations', () => {
  it('sends one receipt for an event delivered three times', async () => {
    const unit = await createUnit(local.runtime);
    const id = await submit(unit);
    const receipts = async () =>
      mailsNaming(await outbox(local.runtime), unit.name).filter((m) => m.subject.includes('回执'));
    await eventually(async () => ((await receipts()).length === 1 ? true : undefined));
    const event = local.runtime.bus.published.find(
      (e) => e['detail-type'] === 'RegistrationSubmitted' && (e.detail as any).data.registrationId === id,
    );
    if (!event) throw new Error('the submission was published');
    for (let i = 0; i < 3; i++) {
      local.runtime.bus.put({
        Source: event.source,
        DetailType: event['detail-type'],
        Detail: JSON.stringify(event.detail),
      });
    }
    await local.runtime.bus.settled();
    expect(await receipts()).toHaveLength(1);

    const log = await local.call('GET', `/v1/units/${unit.unitId}/mails`, {
      token: local.runtime.secretariatToken,
    });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        to: 'unit@example.cn',
        template: 'receipt-submitted',
        eventKey: `event:${(event.detail as any).metadata.id}`,
        status: 'sent',
        attempts: 1,
      }),
    ]);
    const other = await createUnit(local.runtime);
    expect((await local.call('GET', `/v1/units/${unit.unitId}/mails`, { token: other.token })).status).toBe(
      404,
    );
  });

  it('reminds only the units with an incomplete entry, each of its own gaps, once per unit', async () => {
    const complete = await createUnit(local.runtime);
    const missingPhoto = await createUnit(local.runtime);
    const underReview = await createUnit(local.runtime);
    const completeId = await submit(complete);
    const missingIds = [await submit(missingPhoto), await submit(missingPhoto)];
    const reviewId = await submit(underReview);
    await setState(completeId, (r) => ({
      status: 'complete',
      eligibility: { status: 'passed', findings: [] },
      contestants: accepted(r),
    }));
    for (const id of missingIds) {
      await setState(id, () => ({ eligibility: { status: 'passed', findings: [] } }));
    }
    await setState(reviewId, (r) => ({
      eligibility: {
        status: 'review',
        findings: [{ rule: 'retirement-age', outcome: 'review', contestantIndex: 0, message: '年龄需核实' }],
      },
      contestants: accepted(r),
    }));

    // Every unit created so far has an entry in machine vision; only these three matter here.
    local.runtime.setClock(Date.parse(ONE_DAY_REMINDER) - 500);
    const reminders = await eventually(async () => {
      const mails = (await outbox(local.runtime)).filter((m) => m.subject.includes('截止，尚有报名未完成'));
      const ofUnit = (u: { name: string }) => mailsNaming(mails, u.name);
      return ofUnit(missingPhoto).length > 0 && ofUnit(underReview).length > 0
        ? { complete: ofUnit(complete), missingPhoto: ofUnit(missingPhoto), underReview: ofUnit(underReview) }
        : undefined;
    });
    await local.runtime.scheduler.settled();
    // The AI trainer's 7-day reminder falls on the same instant; these units have no entry there.
    expect(firedSchedules(local.runtime).sort()).toEqual([
      'remind-bayu-2023-ai-trainer-7d',
      'remind-bayu-2023-machine-vision-1d',
    ]);
    expect(reminders.complete).toEqual([]);
    expect(reminders.missingPhoto).toHaveLength(1);
    expect(reminders.underReview).toHaveLength(1);
    const [photoMail] = reminders.missingPhoto;
    const [reviewMail] = reminders.underReview;
    for (const id of missingIds) expect(photoMail?.body.text).toContain(id);
    expect(photoMail?.body.text).toContain('未上传照片');
    expect(photoMail?.body.text).not.toContain('复核');
    expect(reviewMail?.body.text).toContain('人工复核');
    expect(reviewMail?.body.text).not.toContain('照片');
    expect(reviewMail?.body.text).toContain(reviewId);
  });

  it('lets the secretariat reopen one unit after the deadline, within its quota', async () => {
    const late = await createUnit(local.runtime);
    const other = await createUnit(local.runtime);
    local.runtime.setClock('2023-09-23T10:00:00+08:00');
    const refused = await local.call('POST', REGISTRATIONS, {
      token: late.token,
      body: machineVisionEntry(),
    });
    expect(refused.body.code).toBe('REGISTRATION_CLOSED');

    const override = {
      unitId: late.unitId,
      reason: '单位材料邮寄延误，经执委会同意补报',
      until: '2023-09-25T00:00:00+08:00',
    };
    const path = '/v1/competitions/bayu-2023/tracks/machine-vision/overrides';
    expect((await local.call('POST', path, { token: late.token, body: override })).status).toBe(403);
    const granted = await local.call('POST', path, { token: local.runtime.secretariatToken, body: override });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      unitId: late.unitId,
      trackId: 'machine-vision',
      grantedBy: 'acct_local-admin',
      grantedByName: '执委会管理员',
    });

    await submit(late);
    await submit(late);
    const third = await local.call('POST', REGISTRATIONS, { token: late.token, body: machineVisionEntry() });
    expect(third.body.code).toBe('QUOTA_FULL');
    const notReopened = await local.call('POST', REGISTRATIONS, {
      token: other.token,
      body: machineVisionEntry(),
    });
    expect(notReopened.body.code).toBe('REGISTRATION_CLOSED');

    const listed = await local.call('GET', '/v1/competitions/bayu-2023/overrides', {
      token: local.runtime.secretariatToken,
    });
    expect(listed.body.items).toEqual([granted.body]);

    local.runtime.setClock('2023-09-25T00:00:01+08:00');
    const expiredOverride = await local.call('POST', REGISTRATIONS, {
      token: late.token,
      body: machineVisionEntry(),
    });
    expect(expiredOverride.body.code).toBe('REGISTRATION_CLOSED');
  });

  it('refuses an override that ends before the deadline or names no unit', async () => {
    const path = '/v1/competitions/bayu-2023/tracks/ai-trainer/overrides';
    const response = await local.call('POST', path, {
      token: local.runtime.secretariatToken,
      body: { unitId: 'unit_nope', reason: '', until: 'tomorrow' },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/reason', '/until']);
  });
});
