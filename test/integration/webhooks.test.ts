/**
 * Signed webhooks through the local runtime, with receivers on 127.0.0.1 that verify every delivery with the
 * standardwebhooks package: an entry's event arrives thin and verified; a receiver that fails twice gets it on
 * the third attempt with the same webhook-id (the clock moved to each due retry's sweep, no real wait); a 410
 * disables the endpoint; a test delivery; only the secretariat manages endpoints, and a secret shows once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { envClock } from '#shared/adapters/env-clock.ts';
import { captureLogs } from '../support/captured-logs.ts';
import { createPortal, createUnit, eventually, machineVisionEntry, person } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { Receiver } from '../support/webhook-receiver.ts';

// Every level, before any module makes its logger: nothing a handler might log escapes the search below.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'debug';
});

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const MINUTE_MS = 60_000;

const local = localRuntimeOfFile({ clockStart: OPEN });

const healthy = new Receiver([200]);
const flaky = new Receiver([500, 500, 200]);
const gone = new Receiver([410]);
const portalSide = new Receiver([200]);
const receivers = [healthy, flaky, gone, portalSide];
let unit: Awaited<ReturnType<typeof createUnit>>;

const asSecretariat = () => ({ token: local.runtime.secretariatToken });

async function register(receiver: Receiver, eventTypes = ['RegistrationSubmitted']): Promise<string> {
  const created = await local.call('POST', '/v1/webhooks', {
    ...asSecretariat(),
    body: { url: receiver.url, eventTypes, description: '测试接收端' },
  });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);
  receiver.secret = created.body.secret;
  return created.body.webhook.webhookId;
}

/** An entry by a unit of its own (a unit holds two places in the track). */
async function submitEntry(): Promise<{ registrationId: string; contestant: Record<string, unknown> }> {
  unit = await createUnit(local.runtime);
  const contestant = person();
  const response = await local.call('POST', REGISTRATIONS, {
    token: unit.token,
    body: machineVisionEntry(contestant),
  });
  expect(response.status).toBe(201);
  return { registrationId: response.body.registrationId, contestant };
}

const deliveriesOf = async (webhookId: string) => {
  const page = await local.call('GET', `/v1/webhooks/${webhookId}/deliveries`, asSecretariat());
  expect(page.status).toBe(200);
  return page.body.items as Array<Record<string, unknown>>;
};

/** Moves the local clock to just before the sweep that follows `dueAt`, so the retry goes within a second. */
function reachSweepAfter(dueAt: string): void {
  const from = Math.max(Date.parse(dueAt), envClock.nowMs());
  const sweep = Math.ceil((from + 1) / MINUTE_MS) * MINUTE_MS;
  local.runtime.setClock(sweep - 250);
}

const receivedFor = (receiver: Receiver, registrationId: string) =>
  receiver.received.filter((r) => r.message.data.registrationId === registrationId);

/** Every line the system writes from here on: no secret and no body may be among them. */
const lines: string[] = [];

beforeAll(async () => {
  captureLogs(lines);
  await Promise.all(receivers.map((r) => r.start()));
  unit = await createUnit(local.runtime);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(receivers.map((r) => r.stop()));
});

describe('webhooks', () => {
  let healthyId = '';
  let flakyId = '';
  let goneId = '';

  it('deliver a submitted entry, signed and thin', async () => {
    healthyId = await register(healthy);
    const { registrationId, contestant } = await submitEntry();
    const [delivery] = await eventually(() => {
      const found = receivedFor(healthy, registrationId);
      return found.length > 0 ? found : undefined;
    });
    expect(delivery!.message).toMatchObject({
      type: 'RegistrationSubmitted',
      data: { type: 'RegistrationSubmitted', registrationId, unitId: unit.unitId, status: 'submitted' },
    });
    for (const personal of [contestant.name, contestant.idNumber, contestant.phone, unit.name]) {
      expect(delivery!.body).not.toContain(String(personal));
    }
    const [attempt] = await deliveriesOf(healthyId);
    expect(attempt).toMatchObject({
      messageId: delivery!.headers['webhook-id'],
      attempt: 1,
      statusCode: 200,
      outcome: 'delivered',
    });
  });

  it('retry a failing receiver until the third attempt, with the same webhook-id', async () => {
    flakyId = await register(flaky);
    const { registrationId } = await submitEntry();
    for (let attempts = 1; attempts < 3; attempts += 1) {
      const latest = await eventually(async () => {
        const [newest] = await deliveriesOf(flakyId);
        return newest?.attempt === attempts ? newest : undefined;
      });
      expect(latest).toMatchObject({ statusCode: 500, outcome: 'retrying' });
      reachSweepAfter(String(latest.nextAttemptAt));
    }
    const got = await eventually(() => {
      const found = receivedFor(flaky, registrationId);
      return found.length === 3 ? found : undefined;
    }, 20_000);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(new Set(got.map((r) => r.headers['webhook-timestamp'])).size).toBe(3);
    const log = await eventually(async () => {
      const items = await deliveriesOf(flakyId);
      return items.length === 3 ? items : undefined;
    });
    expect(log.map((a) => [a.attempt, a.statusCode, a.outcome, a.messageId])).toEqual([
      [3, 200, 'delivered', got[0]!.headers['webhook-id']],
      [2, 500, 'retrying', got[0]!.headers['webhook-id']],
      [1, 500, 'retrying', got[0]!.headers['webhook-id']],
    ]);
  });

  it('disable an endpoint that answers 410, and send it nothing more', async () => {
    goneId = await register(gone);
    await submitEntry();
    await eventually(async () => (await deliveriesOf(goneId))[0]?.outcome === 'endpoint-disabled');
    const read = await local.call('GET', `/v1/webhooks/${goneId}`, asSecretariat());
    expect(read.body).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const { registrationId } = await submitEntry();
    await eventually(() => receivedFor(healthy, registrationId).length === 1);
    expect(gone.received).toHaveLength(1);
    expect(await deliveriesOf(goneId)).toHaveLength(1);

    const enabled = await local.call('PATCH', `/v1/webhooks/${goneId}`, {
      ...asSecretariat(),
      body: { enabled: true },
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body.enabled).toBe(true);
    expect(enabled.body.disabledReason).toBeUndefined();
  });

  it('send a test delivery through the same signing and log', async () => {
    const test = await local.call('POST', `/v1/webhooks/${healthyId}/test`, asSecretariat());
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      eventType: 'webhook.test',
      attempt: 1,
      statusCode: 200,
      outcome: 'delivered',
    });
    const received = healthy.received.find((r) => r.headers['webhook-id'] === test.body.messageId);
    expect(received?.message).toMatchObject({ type: 'webhook.test', data: { webhookId: healthyId } });
    expect((await deliveriesOf(healthyId))[0]).toMatchObject({ messageId: test.body.messageId });
  });

  it('are managed by the secretariat only; the secret shows once; bad URLs are field errors', async () => {
    const body = { url: healthy.url, eventTypes: ['RegistrationSubmitted'] };
    for (const [method, path] of [
      ['POST', '/v1/webhooks'],
      ['GET', '/v1/webhooks'],
      ['GET', `/v1/webhooks/${healthyId}`],
      ['POST', `/v1/webhooks/${healthyId}/test`],
    ] as const) {
      const refused = await local.call(method, path, {
        token: unit.token,
        ...(method === 'POST' ? { body } : {}),
      });
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
    const listed = await local.call('GET', '/v1/webhooks', asSecretariat());
    expect(listed.body.items.map((w: { webhookId: string }) => w.webhookId)).toEqual(
      expect.arrayContaining([healthyId, flakyId, goneId]),
    );
    const read = await local.call('GET', `/v1/webhooks/${healthyId}`, asSecretariat());
    for (const shown of [JSON.stringify(listed.body), JSON.stringify(read.body)]) {
      expect(shown).not.toContain('whsec_');
      for (const r of receivers.filter((each) => each.secret)) expect(shown).not.toContain(r.secret.slice(6));
    }

    const badUrl = await local.call('POST', '/v1/webhooks', {
      ...asSecretariat(),
      body: { ...body, url: 'https://10.0.0.1/hooks' },
    });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.errors).toEqual([
      expect.objectContaining({ path: '/url', messageZh: expect.any(String) }),
    ]);
    const badType = await local.call('POST', '/v1/webhooks', {
      ...asSecretariat(),
      body: { ...body, eventTypes: ['RegistrationSubmitted', 'Nope'] },
    });
    expect(badType.status).toBe(422);
    expect(badType.body.errors).toEqual([expect.objectContaining({ path: '/eventTypes/1' })]);

    const deleted = await local.call('DELETE', `/v1/webhooks/${goneId}`, asSecretariat());
    expect(deleted.status).toBe(204);
    expect((await local.call('GET', `/v1/webhooks/${goneId}`, asSecretariat())).status).toBe(404);
  });

  it("are managed by a portal with webhooks:manage, for its own units' and districts' events only", async () => {
    const [own, other] = [await createUnit(local.runtime), await createUnit(local.runtime)];
    const inDistrict = await createUnit(local.runtime, 'enterprise', '北碚区');
    const portal = await createPortal(local.runtime, {
      unitIds: [own.unitId],
      districts: ['北碚区'],
      scopes: ['events:read', 'webhooks:manage'],
    });
    const withoutScope = await createPortal(local.runtime, { unitIds: [own.unitId] });
    const body = { url: portalSide.url, eventTypes: ['RegistrationSubmitted'] };
    const refused = await local.call('POST', '/v1/webhooks', { token: withoutScope.token, body });
    expect(refused.status).toBe(403);
    const created = await local.call('POST', '/v1/webhooks', { token: portal.token, body });
    expect(created.status).toBe(201);
    portalSide.secret = created.body.secret;
    const portalWebhookId = created.body.webhook.webhookId;

    const submit = async (u: typeof own) =>
      (await local.call('POST', REGISTRATIONS, { token: u.token, body: machineVisionEntry() })).body
        .registrationId as string;
    const [ownEntry, districtEntry, otherEntry] = [
      await submit(own),
      await submit(inDistrict),
      await submit(other),
    ];
    await eventually(() => receivedFor(portalSide, ownEntry).length === 1);
    await eventually(() => receivedFor(portalSide, districtEntry).length === 1);
    // The secretariat's endpoint got the other unit's entry; the portal's never does.
    await eventually(() => receivedFor(healthy, otherEntry).length === 1);
    expect(receivedFor(portalSide, otherEntry)).toEqual([]);

    // Each owner sees its own endpoints only.
    const portalList = await local.call('GET', '/v1/webhooks', { token: portal.token });
    expect(portalList.body.items.map((w: { webhookId: string }) => w.webhookId)).toEqual([portalWebhookId]);
    expect((await local.call('GET', `/v1/webhooks/${healthyId}`, { token: portal.token })).status).toBe(404);
    const secretariatList = await local.call('GET', '/v1/webhooks', asSecretariat());
    expect(secretariatList.body.items.map((w: { webhookId: string }) => w.webhookId)).not.toContain(
      portalWebhookId,
    );
  });

  it('left no delivery unverified, and logged no secret and no body', () => {
    for (const r of receivers) expect(r.unverified).toEqual([]);
    const logged = lines.join('');
    expect(logged).toContain('webhook attempt');
    for (const r of receivers) {
      expect(logged).not.toContain(r.secret.slice(6));
      for (const { body } of r.received) expect(logged).not.toContain(body);
    }
  });
});
