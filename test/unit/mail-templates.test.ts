import { describe, expect, it } from 'vitest';
import { findTrack } from '#shared/domain/edition.ts';
import {
  type ClosingReport,
  closingNoticeMail,
  closingReportMail,
  completeMail,
  eligibilityMail,
  formatDeadline,
  type Mail,
  overrideEndedMail,
  overrideEndedReportMail,
  photoRejectedMail,
  receiptMail,
  rejectedMail,
  reminderMail,
} from '#shared/domain/mail/templates.ts';
import { missingItems } from '#shared/domain/missing.ts';
import type { Registration } from '#shared/domain/registration.ts';
import { edition2023 } from '../support/fake-ports.ts';

const edition = edition2023();
const track = findTrack(edition, 'machine-vision')!;
const aiTrainer = findTrack(edition, 'ai-trainer')!;
const ID_NUMBER = '500103199001010115';
const PHONE = '13812341234';
const HOSTILE = '<script>alert(1)</script>';

const registration = (overrides: Partial<Registration> = {}): Registration => ({
  registrationId: 'reg_01',
  competitionId: 'bayu-2023',
  unitId: 'unit_1',
  trackId: 'machine-vision',
  groupId: 'open',
  leader: { name: '王领队', phone: '13700001234' },
  contestants: [
    {
      name: `张<b>伟</b>`,
      gender: 'male',
      idNumber: ID_NUMBER,
      birthDate: '1990-01-01',
      education: 'bachelor',
      phone: PHONE,
      address: '重庆市沙坪坝区',
      postcode: '401331',
      identity: 'employee',
      qualificationLevel: 3,
      // As the photo checker stores them: codes (photo-rules.ts), which no unit should read.
      photo: { status: 'rejected', reasons: ['BACKGROUND_NOT_RED', 'RESOLUTION_TOO_LOW'] },
    },
  ],
  status: 'submitted',
  eligibility: {
    status: 'failed',
    findings: [{ rule: 'age', outcome: 'failed', contestantIndex: 0, message: '年龄不足16周岁' }],
  },
  version: 2,
  entryVersion: 1,
  createdAt: '2023-09-01T01:00:00.000Z',
  updatedAt: '2023-09-01T01:00:00.000Z',
  ...overrides,
});

const ctx = { edition, track, unitName: HOSTILE };
const r = registration();
const report: ClosingReport = {
  counts: { submitted: 0, complete: 1, rejected: 0, withdrawn: 0, expired: 1 },
  byGroupAndUnit: [{ groupId: 'open', unitName: HOSTILE, complete: 1, expired: 1, other: 0 }],
  expired: [
    {
      unitName: HOSTILE,
      registration: registration({ status: 'expired', expiredReasons: ['资格审核尚未完成'] }),
    },
  ],
  awaitingDecision: [],
  waiting: [{ unitName: HOSTILE, until: '2023-09-24T16:00:00.000Z', registration: r }],
};

const every: Array<[string, Mail]> = [
  ['receipt of a submission', receiptMail(ctx, r, 'submitted')],
  ['receipt of an amendment', receiptMail(ctx, r, 'amended')],
  ['receipt of a withdrawal', receiptMail(ctx, registration({ status: 'withdrawn' }), 'withdrawn')],
  ['eligibility result', eligibilityMail(ctx, r)],
  ['secretariat decision', rejectedMail(ctx, registration({ status: 'rejected' }))],
  ['photo rejected', photoRejectedMail(ctx, r)],
  ['entry complete', completeMail(ctx, registration({ status: 'complete' }))],
  ['reminder', reminderMail(ctx, 1, [{ registration: r, missing: missingItems(r) }])],
  [
    'closing notice',
    closingNoticeMail(ctx, [registration({ status: 'expired', expiredReasons: ['资格审核尚未完成'] })]),
  ],
  ['closing report', closingReportMail(edition, track, report)],
  [
    'closing notice of a unit waiting for its override',
    closingNoticeMail(ctx, [r], '2023-09-24T16:00:00.000Z'),
  ],
  ['override ended, to the unit', overrideEndedMail(ctx, [r], '2023-09-24T16:00:00.000Z')],
  ['override ended, to the secretariat', overrideEndedReportMail(ctx, [r], '2023-09-24T16:00:00.000Z')],
];

describe('every mail template', () => {
  it.each(every)('%s: Chinese subject and bodies naming the track', (_name, mail) => {
    expect(mail.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(mail.subject).toContain(track.name);
    for (const body of [mail.text, mail.html]) expect(body).toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it.each(every)('%s: shows a unit named <script> as text, never as markup', (_name, mail) => {
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain(HOSTILE);
  });

  it.each(every)('%s: never shows a full ID number or phone', (_name, mail) => {
    for (const body of [mail.text, mail.html, mail.subject]) {
      expect(body).not.toContain(ID_NUMBER);
      expect(body).not.toContain(PHONE);
    }
  });
});

describe('what each mail says', () => {
  it('receipts show the entry with masked numbers and say what comes next before the deadline', () => {
    const { text } = receiptMail(ctx, r, 'submitted');
    expect(text).toContain('500103********0115');
    expect(text).toContain('138****1234');
    expect(text).toContain('2023年9月22日24:00（北京时间）前为每位选手上传二寸红底免冠照片');
  });

  it('报名成功 gives the final, the check-in and the notice reminders', () => {
    const { subject, text } = completeMail(
      { ...ctx, track: aiTrainer },
      registration({ status: 'complete', trackId: 'ai-trainer', groupId: 'employee' }),
    );
    expect(subject).toBe('【人工智能训练师】报名成功');
    expect(text).toContain('2023年10月20日至2023年10月22日');
    expect(text).toContain('地点：重庆城市管理职业学院');
    expect(text).toContain('报到时间：2023年10月20日 10:00');
    expect(text).toContain('报到地点：重庆城市管理职业学院致用楼D栋1层大厅');
    expect(text).toContain('加盖单位公章的纸质选手报名表');
    expect(text).toContain('意外伤害保险');
  });

  it('photo rejected, reminders and expiry reasons say why in Chinese words, never in codes', () => {
    const photoRejected = photoRejectedMail(ctx, r).text;
    expect(photoRejected).toContain(
      '张<b>伟</b>：背景不是红色（须为红底免冠照片）；分辨率过低，至少需要 295×413 像素',
    );
    const reminder = reminderMail(ctx, 1, [{ registration: r, missing: missingItems(r) }]).text;
    expect(reminder).toContain('背景不是红色');
    for (const text of [photoRejected, reminder]) expect(text).not.toMatch(/[A-Z]+_[A-Z_]+/);
  });

  it('the closing report counts finalists against the notice minimum', () => {
    const { text } = closingReportMail(edition, track, report);
    expect(text).toContain('报名成功 1名选手，未达到通知要求的不少于30名选手');
    expect(text).toContain('资格审核尚未完成');
  });

  it('reads a midnight deadline as the end of the day before', () => {
    expect(formatDeadline('2023-09-29T00:00:00+08:00', 'Asia/Shanghai')).toBe(
      '2023年9月28日24:00（北京时间）',
    );
    expect(formatDeadline('2023-09-28T17:30:00+08:00', 'Asia/Shanghai')).toBe(
      '2023年9月28日 17:30（北京时间）',
    );
  });
});

describe('what an entry still lacks', () => {
  it('lists the checks and each contestant photo that stand between the entry and completion', () => {
    expect(missingItems(r)).toEqual([
      '资格审核未通过，请修改报名信息',
      '选手张<b>伟</b>的照片不合格（背景不是红色（须为红底免冠照片）；分辨率过低，至少需要 295×413 像素），请重新上传',
    ]);
    const ready = registration({
      eligibility: { status: 'passed', findings: [] },
      contestants: r.contestants.map((c) => ({ ...c, photo: { status: 'accepted', reasons: [] } })),
    });
    expect(missingItems(ready)).toEqual([]);
  });
});
