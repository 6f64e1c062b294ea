import { describe, expect, it } from 'vitest';
import { RegistrationExpired, TrackClosed } from '#events/deadline-events.ts';
import { gapCodes } from '#shared/domain/missing.ts';
import type { EligibilityFinding, Registration } from '#shared/domain/registration.ts';
import { closeTrack, type DeadlineDeps } from '#shared/use-cases/deadlines.ts';
import { notifyUnit } from '#shared/use-cases/notifications.ts';
import archivedExpiry from '../fixtures/events/RegistrationExpired.v1.json' with { type: 'json' };
import { InMemoryMailLog, scriptedMailer } from '../support/fake-mail.ts';
import {
  enterpriseUnit,
  FixedClock,
  fakeRegistrationDeps,
  InMemoryDeadlineStore,
} from '../support/fake-ports.ts';

const CLOSES_AT = '2023-09-23T00:00:00+08:00';
const expiredV1 = archivedExpiry.detail;

function setup() {
  const clock = new FixedClock(CLOSES_AT);
  const { deps, registrations } = fakeRegistrationDeps(clock);
  const deadlines = new InMemoryDeadlineStore();
  const mail = scriptedMailer(0);
  const mailLog = new InMemoryMailLog();
  const all: DeadlineDeps = { ...deps, deadlines, mailer: mail.mailer, mailLog };
  const put = (id: string, edit: Partial<Registration>) => {
    const registration: Registration = {
      registrationId: id,
      competitionId: 'bayu-2023',
      unitId: 'unit_ent_1',
      trackId: 'machine-vision',
      groupId: 'open',
      leader: { name: '王领队', phone: '13700001234' },
      contestants: [
        {
          name: '张伟',
          gender: 'male',
          idNumber: '500103199001010115',
          birthDate: '1990-01-01',
          education: 'bachelor',
          phone: '13812341234',
          address: '重庆市',
          postcode: '401331',
          identity: 'employee',
          qualificationLevel: 3,
          photo: { status: 'missing', reasons: [] },
        },
      ],
      status: 'submitted',
      eligibility: { status: 'pending', findings: [] },
      version: 1,
      entryVersion: 1,
      createdAt: '2023-09-10T01:00:00.000Z',
      updatedAt: '2023-09-10T01:00:00.000Z',
      ...edit,
    };
    registrations.entries.set(id, { registration, history: [] });
  };
  return { deps: all, registrations, deadlines, clock, delivered: mail.delivered, mailLog, put };
}

describe('closing a track', () => {
  it('expires what is still incomplete with its reasons, keeps the rest, and records the closure once', async () => {
    const { deps, registrations, deadlines, put } = setup();
    put('reg_incomplete', {});
    put('reg_complete', { status: 'complete' });
    put('reg_withdrawn', { status: 'withdrawn' });
    put('reg_late', { createdAt: '2023-09-23T02:00:00.000Z' });

    expect(await closeTrack(deps, { competitionId: 'bayu-2023', trackId: 'machine-vision' })).toEqual({
      expired: 1,
      closedNow: true,
    });
    const expired = registrations.entries.get('reg_incomplete');
    expect(expired?.registration).toMatchObject({
      status: 'expired',
      version: 2,
      expiredReasons: ['资格审核尚未完成', '选手张伟未上传照片'],
    });
    expect(expired?.history.at(-1)).toMatchObject({ action: 'expired', actor: 'system' });
    const write = registrations.update.mock.calls[0]?.[0];
    expect(write?.releaseQuota).toEqual({
      competitionId: 'bayu-2023',
      unitId: 'unit_ent_1',
      trackId: 'machine-vision',
      groupId: 'open',
    });
    expect(write?.releasedPersonHashes).toHaveLength(1);
    expect(write?.events.map((e) => e.detailType)).toEqual(['RegistrationExpired']);
    expect(registrations.entries.get('reg_complete')?.registration.status).toBe('complete');
    expect(registrations.entries.get('reg_late')?.registration.status).toBe('submitted');

    const [closure] = deadlines.closures;
    const detail = TrackClosed.detailSchema.parse(closure?.event.detail);
    expect(detail.data).toEqual({
      competitionId: 'bayu-2023',
      trackId: 'machine-vision',
      closesAt: CLOSES_AT,
      counts: { submitted: 1, complete: 1, rejected: 0, withdrawn: 1, expired: 1 },
    });

    expect(await closeTrack(deps, { competitionId: 'bayu-2023', trackId: 'machine-vision' })).toEqual({
      expired: 0,
      closedNow: false,
    });
    expect(registrations.update).toHaveBeenCalledTimes(1);
    expect(deadlines.closures).toHaveLength(1);
  });

  it('refuses to close a track before its deadline', async () => {
    const { deps, clock } = setup();
    clock.set(Date.parse(CLOSES_AT) - 1);
    await expect(closeTrack(deps, { competitionId: 'bayu-2023', trackId: 'machine-vision' })).rejects.toThrow(
      /closes at/,
    );
  });
});

describe('the RegistrationExpired event', () => {
  it('carries what was missing as codes and contestant indexes, never names; the entry keeps the words', async () => {
    const { deps, registrations, put } = setup();
    put('reg_photo_rejected', {});
    const stored = registrations.entries.get('reg_photo_rejected')!.registration;
    stored.contestants = stored.contestants.map((c) => ({
      ...c,
      photo: { status: 'rejected', reasons: ['BACKGROUND_NOT_RED'] },
    }));

    await closeTrack(deps, { competitionId: 'bayu-2023', trackId: 'machine-vision' });
    const [event] = registrations.update.mock.calls[0]?.[0].events ?? [];
    const detail = RegistrationExpired.detailSchema.parse(event?.detail);
    expect(detail.data).toMatchObject({
      missing: [
        { code: 'ELIGIBILITY_PENDING' },
        { code: 'PHOTO_REJECTED', contestantIndex: 0, photoReasons: ['BACKGROUND_NOT_RED'] },
      ],
    });
    expect(JSON.stringify(event?.detail)).not.toContain('张伟');
    expect(registrations.entries.get('reg_photo_rejected')?.registration.expiredReasons).toEqual([
      '资格审核尚未完成',
      '选手张伟的照片不合格（背景不是红色（须为红底免冠照片）），请重新上传',
    ]);
  });

  it('takes every gap the domain knows', () => {
    const { reasons: _words, ...ref } = expiredV1.data;
    const metadata = { ...expiredV1.metadata, version: 2 };
    for (const code of gapCodes) {
      const detail = { metadata, data: { ...ref, missing: [{ code }] } };
      expect(RegistrationExpired.detailSchema.safeParse(detail).success).toBe(true);
    }
  });

  it('still parses as archived in its first shape, with the reasons in words', () => {
    const detail = RegistrationExpired.detailSchema.parse(expiredV1);
    expect(detail.metadata.version).toBe(1);
  });
});

describe('closing a track with an entry in review over a conflict with another entry', () => {
  const crossEntryReview = {
    rule: 'advisor-not-contestant',
    outcome: 'review' as const,
    code: 'ADVISOR_IS_CONTESTANT_ELSEWHERE',
    relatedRegistrationId: 'reg_other_unit',
    message: '本报名的指导教师与同赛项另一报名的选手姓名、手机号相同，请大赛执委会核实。',
  };
  const retirementReview = {
    rule: 'retirement-age',
    outcome: 'review' as const,
    code: 'RETIREMENT_POST_UNDECLARED',
    contestantIndex: 0,
    message: '需复核',
  };

  it('leaves it for the secretariat when that review is all it waits for, and expires it otherwise', async () => {
    const { deps, registrations, put } = setup();
    const putInReview = (id: string, photo: 'accepted' | 'missing', findings: EligibilityFinding[]) => {
      put(id, { eligibility: { status: 'review', findings, entryVersion: 1 } });
      const stored = registrations.entries.get(id)!.registration;
      stored.contestants = stored.contestants.map((c) => ({ ...c, photo: { status: photo, reasons: [] } }));
    };
    putInReview('reg_awaiting', 'accepted', [crossEntryReview]);
    putInReview('reg_also_retirement', 'accepted', [crossEntryReview, retirementReview]);
    putInReview('reg_no_photo', 'missing', [crossEntryReview]);

    expect(await closeTrack(deps, { competitionId: 'bayu-2023', trackId: 'machine-vision' })).toMatchObject({
      expired: 2,
    });
    const status = (id: string) => registrations.entries.get(id)?.registration.status;
    expect([status('reg_awaiting'), status('reg_also_retirement'), status('reg_no_photo')]).toEqual([
      'submitted',
      'expired',
      'expired',
    ]);
  });
});

describe('mails for the events of the eligibility and photo checks', () => {
  const notice = (detailType: string) => ({
    detailType,
    eventId: `evt-${detailType}`,
    registrationId: 'reg_1',
  });

  it.each([
    ['EligibilityEvaluated', { eligibility: { status: 'failed', findings: [] } }, 'eligibility-result'],
    ['EligibilityEvaluated', { eligibility: { status: 'review', findings: [] } }, 'eligibility-result'],
    ['RegistrationRejected', { status: 'rejected' }, 'registration-rejected'],
    [
      'PhotoRejected',
      {
        contestants: [
          {
            name: '张伟',
            idNumber: '500103199001010115',
            birthDate: '1990-01-01',
            phone: '13812341234',
            photo: { status: 'rejected', reasons: ['不是红底'] },
          },
        ],
      },
      'photo-rejected',
    ],
    ['RegistrationCompleted', { status: 'complete' }, 'registration-complete'],
  ] as const)(
    '%s sends the unit %s when the entry is in that state',
    async (detailType, state, _template) => {
      const { deps, put, delivered } = setup();
      put('reg_1', state as Partial<Registration>);
      expect(await notifyUnit(deps, notice(detailType))).toEqual({ sent: 1 });
      expect(delivered[0]?.to).toEqual([enterpriseUnit().contact.email]);
      expect(delivered[0]?.subject).toContain('人工智能与机器视觉技术');
    },
  );

  it.each(['EligibilityEvaluated', 'RegistrationRejected', 'PhotoRejected', 'RegistrationCompleted'])(
    '%s sends nothing once the entry has moved on',
    async (detailType) => {
      const { deps, put, delivered } = setup();
      put('reg_1', { eligibility: { status: 'passed', findings: [] } });
      expect(await notifyUnit(deps, notice(detailType))).toEqual({ sent: 0 });
      expect(delivered).toEqual([]);
    },
  );
});
