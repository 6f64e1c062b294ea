import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '#infra/local/runtime.ts';
import edition2024 from '../fixtures/editions/bayu-2024.json' with { type: 'json' };
import { api, createUnit, machineVisionEntry, person } from '../support/local-api.ts';

let runtime: LocalRuntime;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ clockStart: '2024-07-01T10:00:00+08:00', editions: [edition2024] });
  call = api(runtime);
});
afterAll(async () => {
  await runtime?.stop();
});

describe('editions as data', () => {
  it('serves the 2023 edition with Beijing-time instants', async () => {
    const response = await call('GET', '/v1/competitions/bayu-2023');
    expect(response.status).toBe(200);
    const vision = response.body.tracks.find((t: any) => t.id === 'machine-vision');
    expect(vision).toMatchObject({
      closesAt: '2023-09-23T00:00:00+08:00',
      teamSize: 1,
      ageReferenceDate: '2023-10-13',
    });
    expect(vision.groups[0].quota).toEqual({ enterprise: 2, school: 2 });
  });

  it('runs a made-up 2024 edition with a third track and its own deadlines, with no code change', async () => {
    const unit = await createUnit(runtime, 'enterprise');
    const competition = await call('GET', '/v1/competitions/bayu-2024');
    expect(competition.body.tracks.map((t: any) => t.id)).toEqual([
      'ai-trainer',
      'machine-vision',
      'industrial-internet',
    ]);

    const team = {
      trackId: 'industrial-internet',
      groupId: 'open',
      leader: { name: '王领队', phone: '13700001234' },
      contestants: [person(), person(), person()],
    };
    const created = await call('POST', '/v1/competitions/bayu-2024/registrations', {
      token: unit.token,
      body: team,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ competitionId: 'bayu-2024', trackId: 'industrial-internet' });

    const tooSmall = { ...team, contestants: [person(), person()] };
    const refused = await call('POST', '/v1/competitions/bayu-2024/registrations', {
      token: unit.token,
      body: tooSmall,
    });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: '/contestants', code: 'TEAM_SIZE' }),
    ]);

    // 2023's tracks are long closed at this clock.
    const old = await call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: unit.token,
      body: machineVisionEntry(),
    });
    expect(old.body.code).toBe('REGISTRATION_CLOSED');
  });
});
