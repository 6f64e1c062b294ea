import { describe, expect, it } from 'vitest';
import { deadlineDeps } from '#shared/composition.ts';
import { closeTrack } from '#shared/use-cases/deadlines.ts';
import {
  aiTrainerEmployeeTeam,
  createUnit,
  eventually,
  firedSchedules,
  machineVisionEntry,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { mailsNaming, outbox } from '../support/outbox.ts';

const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const MACHINE_VISION_CLOSES = '2023-09-23T00:00:00+08:00';
const closesAtMs = Date.parse(MACHINE_VISION_CLOSES);

const local = localRuntimeOfFile({ clockStart: new Date(closesAtMs - 2000).toISOString() });

const clockMs = async () => Date.parse((await local.call('GET', '/local/clock')).body.now);

describe('a runtime started two seconds before the machine-vision deadline', () => {
  it('accepts before, refuses after, closes the track by itself and tells the unit and the secretariat', async () => {
    const unit = await createUnit(local.runtime, 'school');
    const before = await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
    expect(before.status).toBe(201);
    const id = before.body.registrationId as string;

    await eventually(async () => (await clockMs()) >= closesAtMs, 5000);
    const after = await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('REGISTRATION_CLOSED');

    const expired = await eventually(async () => {
      const read = await local.call('GET', `/v1/registrations/${id}`, { token: unit.token });
      return read.body.status === 'expired' ? read.body : undefined;
    });
    // What was missing at the close: the photo for certain; the eligibility verdict only if it had not come yet.
    expect(expired.expiredReasons.join()).toContain('未上传照片');
    expect(expired.history.at(-1)).toMatchObject({ action: 'expired', actor: 'system' });

    const mails = await eventually(async () => {
      const all = await outbox(local.runtime);
      const notice = mailsNaming(all, unit.name).find((m) => m.subject.includes('报名已截止'));
      const report = all.find((m) => m.destination.to.includes('86905070@qq.com'));
      return notice && report ? { all, notice, report } : undefined;
    });
    expect(mails.notice.destination.to).toEqual(['unit@example.cn']);
    expect(mails.notice.body.text).toContain('已作废（截止时未完成）');
    expect(mails.report.subject).toBe('【人工智能与机器视觉技术】报名截止报告');
    expect(mails.report.body.text).toContain(unit.name);
    expect(mails.report.body.text).toMatch(/未达到通知要求的不少于30名选手/);
    // The unit also had its receipt for the entry it made in time.
    expect(mailsNaming(mails.all, unit.name).some((m) => m.subject.includes('报名提交回执'))).toBe(true);
    expect(firedSchedules(local.runtime)).toEqual(['close-bayu-2023-machine-vision']);
  });

  it('leaves the AI-trainer track open', async () => {
    const unit = await createUnit(local.runtime);
    const entry = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: aiTrainerEmployeeTeam(),
    });
    expect(entry.status).toBe(201);
  });

  it('changes and publishes nothing when the closing runs again', async () => {
    await eventually(() =>
      local.runtime.bus.published.some((e) => e['detail-type'] === 'TrackClosed') ? true : undefined,
    );
    await local.runtime.bus.settled();
    const published = local.runtime.bus.published.length;
    const again = await closeTrack(deadlineDeps(), { competitionId: 'bayu-2023', trackId: 'machine-vision' });
    expect(again).toEqual({ expired: 0, closedNow: false });
    await local.runtime.bus.settled();
    expect(local.runtime.bus.published.slice(published).map((e) => e['detail-type'])).not.toContain(
      'TrackClosed',
    );
  });
});
