import { describe, expect, it } from 'vitest';
import { OverrideEnded, RegistrationExpired } from '#events/deadline-events.ts';
import { DeadlineAction } from '#shared/domain/deadline-schedule.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { DeadlineOverride } from '#shared/ports/deadlines.ts';
import { sendClosingNotices, sendOverrideEndNotices } from '#shared/use-cases/closing-notices.ts';
import { grantOverride } from '#shared/use-cases/deadline-overrides.ts';
import { closeTrack, type DeadlineDeps } from '#shared/use-cases/deadlines.ts';
import { endOverride } from '#shared/use-cases/override-ends.ts';
import { InMemoryMailLog, scriptedMailer } from '../support/fake-mail.ts';
import {
  enterpriseUnit,
  FixedClock,
  fakeRegistrationDeps,
  InMemoryDeadlineStore,
  InMemoryOneTimeSchedules,
  InMemoryUnitStore,
  secretariatMember,
} from '../support/fake-ports.ts';
import { storedRegistration } from '../support/registrations.ts';

const CLOSES_AT = '2023-09-23T00:00:00+08:00';
const UNTIL = '2023-09-24T16:00:00.000Z';
const LATER = '2023-09-26T16:00:00.000Z';
const track = { competitionId: 'bayu-2023', trackId: 'machine-vision' };
const granted = enterpriseUnit('unit_granted');
const other = { ...enterpriseUnit('unit_other'), name: '重庆另一公司', contact: { ...granted.contact } };
other.contact.email = 'other@example.cn';

const grant = (until: string, grantedAt = '2023-09-22T08:00:00.000Z'): DeadlineOverride => ({
  ...track,
  unitId: granted.unitId,
  reason: '材料邮寄延误',
  grantedAt,
  until,
  grantedBy: 'secretariat',
});

function setup() {
  const clock = new FixedClock(CLOSES_AT);
  const { deps, registrations } = fakeRegistrationDeps(clock, granted);
  const deadlines = new InMemoryDeadlineStore();
  const mail = scriptedMailer(0);
  const all: DeadlineDeps = {
    ...deps,
    units: new InMemoryUnitStore(granted, other),
    deadlines,
    mailer: mail.mailer,
    mailLog: new InMemoryMailLog(),
  };
  const put = (edit: Partial<Registration>) => {
    const r = storedRegistration({
      unitId: granted.unitId,
      eligibility: { status: 'pending', findings: [] },
      ...edit,
    });
    registrations.entries.set(r.registrationId, { registration: r, history: [] });
    return r.registrationId;
  };
  const statusOf = (id: string) => registrations.entries.get(id)?.registration.status;
  return { deps: all, registrations, deadlines, clock, delivered: mail.delivered, put, statusOf };
}

describe('closing a track with a unit whose override runs past the deadline', () => {
  it("keeps that unit's incomplete entries and expires the other unit's", async () => {
    const { deps, deadlines, put, statusOf } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    const waiting = put({});
    const expiring = put({ unitId: other.unitId });

    expect(await closeTrack(deps, track)).toEqual({ expired: 1, closedNow: true });
    expect(statusOf(waiting)).toBe('submitted');
    expect(statusOf(expiring)).toBe('expired');
  });

  it('protects nothing with an override that ended before the closing ran', async () => {
    const { deps, deadlines, put, statusOf, clock } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    const entry = put({});
    clock.set(UNTIL);

    await closeTrack(deps, track);
    expect(statusOf(entry)).toBe('expired');
  });

  it('reports the waiting entries to the secretariat, and tells the unit until when it may complete them', async () => {
    const { deps, deadlines, put, delivered } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    const waiting = put({});
    put({ unitId: other.unitId });
    await closeTrack(deps, track);

    await sendClosingNotices(deps, { eventId: 'evt-closed', ...track });
    const report = delivered.find((m) => m.subject.includes('报名截止报告'));
    expect(report?.text).toContain('等待补报期限结束的报名（1）');
    expect(report?.text).toContain(waiting);
    expect(report?.text).toContain('2023年9月24日24:00（北京时间）');
    const notice = delivered.find((m) => m.to.includes(granted.contact.email));
    expect(notice?.text).toContain('贵单位获准补报至2023年9月24日24:00（北京时间）');
    const otherNotice = delivered.find((m) => m.to.includes(other.contact.email));
    expect(otherNotice?.text).not.toContain('补报');
  });
});

describe('the end of an override', () => {
  const end = (until = UNTIL) => ({ ...track, unitId: granted.unitId, until });

  it("expires the unit's incomplete entries as closing would, late ones too, and records the end once", async () => {
    const { deps, deadlines, registrations, put, statusOf, clock } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    const before = put({});
    const late = put({ createdAt: '2023-09-23T02:00:00.000Z' });
    const done = put({ status: 'complete' });
    await closeTrack(deps, track);
    clock.set(UNTIL);

    expect(await endOverride(deps, end())).toEqual({ expired: 2, endedNow: true });
    expect([statusOf(before), statusOf(late), statusOf(done)]).toEqual(['expired', 'expired', 'complete']);
    const expiry = registrations.update.mock.calls.at(-1)?.[0];
    expect(expiry?.events.map((e) => e.detailType)).toEqual(['RegistrationExpired']);
    const detail = RegistrationExpired.detailSchema.parse(expiry?.events[0]?.detail).data;
    expect('missing' in detail && detail.missing).toContainEqual({ code: 'ELIGIBILITY_PENDING' });
    expect(expiry?.releaseQuota).toMatchObject({ unitId: granted.unitId, trackId: 'machine-vision' });
    expect(expiry?.releasedPersonHashes).toHaveLength(1);
    expect(registrations.entries.get(late)?.history.at(-1)).toMatchObject({
      action: 'expired',
      actor: 'system',
    });

    const [recorded] = deadlines.ends;
    expect(recorded?.end).toMatchObject({ unitId: granted.unitId, until: UNTIL });
    expect(OverrideEnded.detailSchema.parse(recorded?.event.detail).data).toEqual({
      ...end(),
      counts: { submitted: 0, complete: 1, rejected: 0, withdrawn: 0, expired: 2 },
    });

    const writes = registrations.update.mock.calls.length;
    expect(await endOverride(deps, end())).toEqual({ expired: 0, endedNow: false });
    expect(registrations.update).toHaveBeenCalledTimes(writes);
    expect(deadlines.ends).toHaveLength(1);
  });

  it('expires nothing while a later override of the unit is open, then at the end of that one', async () => {
    const { deps, deadlines, put, statusOf, clock } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    await deadlines.grantOverride(grant(LATER, '2023-09-24T01:00:00.000Z'));
    const entry = put({});
    clock.set(UNTIL);

    expect(await endOverride(deps, end())).toEqual({ expired: 0, endedNow: false, waitingUntil: LATER });
    expect(statusOf(entry)).toBe('submitted');
    expect(deadlines.ends).toEqual([]);

    clock.set(LATER);
    expect(await endOverride(deps, end(LATER))).toEqual({ expired: 1, endedNow: true });
    expect(statusOf(entry)).toBe('expired');
  });

  it('does nothing for an end no grant names, or before its instant', async () => {
    const { deps, deadlines, put, statusOf, clock } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    const entry = put({});
    clock.set(LATER);
    expect(await endOverride(deps, end('2023-09-25T16:00:00.000Z'))).toEqual({ expired: 0, endedNow: false });
    expect(statusOf(entry)).toBe('submitted');

    clock.set(Date.parse(UNTIL) - 1);
    await expect(endOverride(deps, end())).rejects.toThrow(/ends at/);
  });

  it('mails the unit the final state of its entries and the secretariat a notice, once', async () => {
    const { deps, deadlines, put, clock, delivered } = setup();
    await deadlines.grantOverride(grant(UNTIL));
    const entry = put({});
    clock.set(UNTIL);
    await endOverride(deps, end());
    const eventId = deadlines.ends[0]?.event.id ?? '';

    const ended = { eventId, ...end() };
    expect(await sendOverrideEndNotices(deps, ended)).toEqual({ sent: 2 });
    const [unitMail, notice] = delivered;
    expect(unitMail?.to).toEqual([granted.contact.email]);
    expect(unitMail?.subject).toBe('【人工智能与机器视觉技术】补报期限已结束，报名最终结果');
    expect(unitMail?.text).toContain('已作废（截止时未完成）');
    expect(unitMail?.text).toContain(entry);
    expect(notice?.to).toEqual(['86905070@qq.com']);
    expect(notice?.subject).toBe(`【人工智能与机器视觉技术】${granted.name}补报期限结束`);
    expect(notice?.text).toContain(entry);

    expect(await sendOverrideEndNotices(deps, ended)).toEqual({ sent: 0 });
    expect(delivered).toHaveLength(2);
  });
});

describe('granting an override', () => {
  function grantSetup() {
    const clock = new FixedClock('2023-09-22T08:00:00.000Z');
    const deadlines = new InMemoryDeadlineStore();
    const schedules = new InMemoryOneTimeSchedules();
    const { deps } = fakeRegistrationDeps(clock, granted);
    const overrideDeps = { ...deps, deadlines, schedules };
    const body = { unitId: granted.unitId, reason: '材料邮寄延误', until: '2023-09-25T00:00:00+08:00' };
    const request = { ...track, body };
    return { overrideDeps, deadlines, schedules, request };
  }

  it('schedules its end in the edition time zone, once however often it is retried', async () => {
    const { overrideDeps, schedules, request } = grantSetup();
    await grantOverride(overrideDeps, secretariatMember, request);
    await grantOverride(overrideDeps, secretariatMember, request);

    expect(schedules.schedule).toHaveBeenCalledTimes(2);
    expect([...schedules.created.values()]).toEqual([
      {
        key: `end-override:bayu-2023:machine-vision:${granted.unitId}:${UNTIL}`,
        atMs: Date.parse(UNTIL),
        timeZone: 'Asia/Shanghai',
        input: { action: 'end-override', ...track, unitId: granted.unitId, until: UNTIL },
      },
    ]);
    expect(DeadlineAction.parse(schedules.created.values().next().value?.input).action).toBe('end-override');
  });

  it('stores no grant when its end cannot be scheduled, and fails', async () => {
    const { overrideDeps, deadlines, schedules, request } = grantSetup();
    schedules.failing = true;
    await expect(grantOverride(overrideDeps, secretariatMember, request)).rejects.toThrow(/unavailable/);
    expect(deadlines.grants).toEqual([]);
  });
});
