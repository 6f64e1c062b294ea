/**
 * What failed every retry reaches the secretariat's overview: with the SES stand-in down and one delivery
 * attempt only, the receipt mail of a submission ends in the dead letters, and `GET /v1/dead-letters` counts it.
 */
import { describe, expect, it } from 'vitest';
import { createUnit, eventually, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const local = localRuntimeOfFile({
  clockStart: '2023-09-01T09:00:00+08:00',
  deliveryRetries: { attempts: 1, retryDelayMs: 10 },
});

describe('dead letters', () => {
  it('are counted for the secretariat by queue, never shown to a unit', async () => {
    const secretariat = { token: local.runtime.secretariatToken };
    const unit = await createUnit(local.runtime);
    expect((await local.call('GET', '/v1/dead-letters', secretariat)).body).toEqual({ total: 0, queues: [] });
    expect((await local.call('GET', '/v1/dead-letters', { token: unit.token })).status).toBe(403);

    await local.runtime.faults.stopSes();
    try {
      const created = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
        token: unit.token,
        body: machineVisionEntry(),
      });
      expect(created.status).toBe(201);
      const counted = await eventually(async () => {
        const answer = await local.call('GET', '/v1/dead-letters', secretariat);
        return answer.body.total > 0 ? answer.body : undefined;
      });
      expect(counted.queues).toEqual([{ queue: 'events', messages: counted.total }]);
      expect(counted.total).toBe(local.runtime.bus.deadLetters.length);
      expect(JSON.stringify(counted)).not.toContain('detail');
    } finally {
      await local.runtime.faults.startSes();
    }
  });
});
