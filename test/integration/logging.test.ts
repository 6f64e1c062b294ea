import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { captureLogs } from '../support/captured-logs.ts';
import {
  aiTrainerEmployeeTeam,
  api,
  createUnit,
  eventually,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';

const lines: string[] = [];
let runtime: LocalRuntime;

beforeAll(async () => {
  // Every level, so that nothing a handler might log escapes the search.
  process.env.LOG_LEVEL = 'debug';
  captureLogs(lines);
  const { startLocalRuntime } = await import('#infra/local/runtime.ts');
  runtime = await startLocalRuntime({ clockStart: '2023-09-01T09:00:00+08:00' });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await runtime?.stop();
});

describe('logs of a full flow', () => {
  it('hold request lines but no full ID number or phone', async () => {
    const call = api(runtime);
    const path = '/v1/competitions/bayu-2023/registrations';
    const unit = await createUnit(runtime);
    const entry = aiTrainerEmployeeTeam();
    const created = await call('POST', path, { token: unit.token, body: entry });
    const id = created.body.registrationId as string;
    const replacement = person();
    await call('GET', `/v1/registrations/${id}`, { token: unit.token });
    await call('GET', path, { token: runtime.secretariatToken });
    await call('PUT', `/v1/registrations/${id}`, {
      token: unit.token,
      body: { ...entry, contestants: [entry.contestants[0]!, replacement] },
    });
    const broken = person({ idNumber: `${replacement.idNumber.slice(0, 17)}0`, phone: '1390000' });
    await call('POST', path, { token: unit.token, body: machineVisionEntry(broken) });
    await call('POST', path, { token: unit.token, body: machineVisionEntry(replacement) });
    await call('DELETE', `/v1/registrations/${id}`, { token: unit.token });
    await eventually(() =>
      runtime.bus.published.find(
        (e) => e['detail-type'] === 'RegistrationWithdrawn' && (e.detail as any).data.registrationId === id,
      ),
    );

    const log = lines.join('\n');
    expect(log).toContain('"route":"PUT /v1/registrations/{registrationId}"');
    const secrets = [
      ...entry.contestants.flatMap((c) => [c.idNumber, c.phone]),
      replacement.idNumber,
      replacement.phone,
      broken.idNumber,
      entry.leader.phone,
      '13900001111', // the unit contact's phone
      unit.token,
      runtime.secretariatToken,
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
