import { describe, expect, it } from 'vitest';
import { deadlineDeps } from '#shared/composition.ts';
import { endOverride } from '#shared/use-cases/override-ends.ts';
import { createUnit, eventually, firedSchedules, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { mailsNaming, outbox } from '../support/outbox.ts';

const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const OVERRIDES = '/v1/competitions/bayu-2023/tracks/machine-vision/overrides';
const closesAtMs = Date.parse('2023-09-23T00:00:00+08:00');
const untilMs = Date.parse('2023-09-25T00:00:00+08:00');
const SECRETARIAT_ADDRESS = '86905070@qq.com';

// Hours before the machine-vision deadline: time to set up, then the clock is moved to just before it.
const local = localRuntimeOfFile({ clockStart: '2023-09-22T20:00:00+08:00' });

const statusOf = async (registrationId: string) =>
  (await local.call('GET', `/v1/registrations/${registrationId}`, { token: local.runtime.secretariatToken }))
    .body.status as string;

describe('an override granted before the machine-vision deadline', () => {
  it("spares the unit's incomplete entry at closing, expires it when the override ends, and mails the unit once", async () => {
    const granted = await createUnit(local.runtime);
    const other = await createUnit(local.runtime);
    const enter = async (unit: { token: string }) => {
      const created = await local.call('POST', REGISTRATIONS, {
        token: unit.token,
        body: machineVisionEntry(),
      });
      expect(created.status).toBe(201);
      return created.body.registrationId as string;
    };
    const waiting = await enter(granted);
    const expiring = await enter(other);
    const grant = {
      unitId: granted.unitId,
      reason: '材料邮寄延误，执委会同意补报',
      until: '2023-09-25T00:00:00+08:00',
    };
    for (const attempt of [1, 2]) {
      const response = await local.call('POST', OVERRIDES, {
        token: local.runtime.secretariatToken,
        body: grant,
      });
      expect(response.status, `grant ${attempt}`).toBe(201);
    }
    // The retried grant scheduled nothing twice.
    expect(local.runtime.scheduler.pendingOneTime()).toHaveLength(1);
    // Each unit lists its own grants only (its web app shows them); the secretariat lists every grant.
    const listedFor = async (token: string) =>
      (await local.call('GET', '/v1/competitions/bayu-2023/overrides', { token })).body.items as {
        unitId: string;
        until: string;
      }[];
    const own = await listedFor(granted.token);
    expect(own.length).toBeGreaterThan(0);
    for (const grant of own)
      expect([grant.unitId, grant.until]).toEqual([granted.unitId, new Date(untilMs).toISOString()]);
    expect(await listedFor(other.token)).toEqual([]);
    expect(await listedFor(local.runtime.secretariatToken)).toEqual(own);

    local.runtime.setClock(closesAtMs - 1000);
    await eventually(async () => (await statusOf(expiring)) === 'expired');
    const report = await eventually(async () =>
      (await outbox(local.runtime)).find(
        (m) => m.destination.to.includes(SECRETARIAT_ADDRESS) && m.subject.includes('报名截止报告'),
      ),
    );
    expect(report.body.text).toContain('等待补报期限结束的报名（1）');
    expect(report.body.text).toContain(waiting);
    expect(await statusOf(waiting)).toBe('submitted');

    local.runtime.setClock(untilMs - 1000);
    await eventually(async () => (await statusOf(waiting)) === 'expired');
    const endMails = async () =>
      mailsNaming(await outbox(local.runtime), granted.name).filter((m) =>
        m.subject.includes('补报期限已结束'),
      );
    const [ended] = await eventually(async () => {
      const found = await endMails();
      return found.length > 0 ? found : undefined;
    });
    expect(ended?.body.text).toContain(waiting);
    expect(ended?.body.text).toContain('已作废（截止时未完成）');
    await eventually(async () =>
      (await outbox(local.runtime)).some((m) => m.subject.includes(`${granted.name}补报期限结束`)),
    );

    // The end run again (a retried schedule): nothing expires, nothing is published or mailed twice.
    const until = new Date(untilMs).toISOString();
    const again = await endOverride(deadlineDeps(), {
      competitionId: 'bayu-2023',
      trackId: 'machine-vision',
      unitId: granted.unitId,
      until,
    });
    expect(again).toEqual({ expired: 0, endedNow: false });
    await local.runtime.bus.settled();
    expect(await endMails()).toHaveLength(1);
    expect(local.runtime.bus.published.filter((e) => e['detail-type'] === 'OverrideEnded')).toHaveLength(1);
    expect(firedSchedules(local.runtime)).toEqual([
      'close-bayu-2023-machine-vision',
      expect.stringMatching(/^bayu-local-one-time\/once-[0-9a-f]{40}$/),
    ]);
    expect(local.runtime.scheduler.pendingOneTime()).toEqual([]);
  });
});
