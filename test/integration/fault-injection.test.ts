/**
 * Faults injected into the running local stack: DynamoDB Local stopped and restarted in the middle of a burst
 * of submissions, the SES stand-in down for a while, the event bus refusing publishes for a while. Through
 * each: every accepted entry survives, every event is published once recovery comes, no mail is sent twice,
 * and clients see 503 with Retry-After (never 500) while a dependency is down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createUnit, eventually, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { outbox } from '../support/outbox.ts';
import { type Outcome, submitWithRetries } from '../support/retrying-client.ts';

// DynamoDB Local keeps its tables across a restart only on disk.
const dataDir = mkdtempSync(join(tmpdir(), 'bayu-faults-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const local = localRuntimeOfFile({
  dataDir,
  clockStart: '2023-09-01T09:00:00+08:00',
  // Lambda keeps retrying a failed asynchronous event for minutes; here the retries span about 25 s.
  deliveryRetries: { attempts: 12, retryDelayMs: 400 },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RECOVERY_MS = 30_000;
/** Restarting DynamoDB Local takes 2 s on an idle machine; a busy CI runner may need many times that. */
const FAULT_TEST_TIMEOUT_MS = 120_000;

let keySerial = 0;

/**
 * Each unit submits `perUnit` machine-vision entries, one submission every `spacingMs`, each retried as a real
 * client would.
 */
async function burst(units: { token: string }[], perUnit: number, spacingMs = 0): Promise<Outcome[]> {
  const senders = units.flatMap((unit) => Array.from({ length: perUnit }, () => unit));
  const submissions = senders.map(async (unit, i) => {
    await sleep(i * spacingMs);
    return submitWithRetries(
      local.runtime.baseUrl,
      { token: unit.token, body: machineVisionEntry(), idempotencyKey: `fault-${++keySerial}` },
      // Retry-After says 5 s; a tenth of it keeps the test short and still waits out the outage.
      { maxAttempts: 40, retryAfterScale: 0.1 },
    );
  });
  return Promise.all(submissions);
}

/** Registration ids of the RegistrationSubmitted events the bus has published, with repeats. */
const publishedSubmissions = () =>
  local.runtime.bus.published
    .filter((e) => e['detail-type'] === 'RegistrationSubmitted')
    .map((e) => (e.detail as { data: { registrationId: string } }).data.registrationId);

async function storedIds(unit: { token: string }): Promise<string[]> {
  const page = await local.call('GET', '/v1/competitions/bayu-2023/registrations?limit=100', {
    token: unit.token,
  });
  expect(page.status).toBe(200);
  return page.body.items.map((r: { registrationId: string }) => r.registrationId);
}

/** Waits until every id's RegistrationSubmitted is on the bus and its receipt mail in the SES store. */
async function recovered(ids: string[], unitNames: string[]) {
  await eventually(() => ids.every((id) => publishedSubmissions().includes(id)), RECOVERY_MS);
  const receipts = await eventually(async () => {
    const mails = (await outbox(local.runtime)).filter(
      (m) => m.subject.includes('回执') && unitNames.some((name) => m.body.text?.includes(name)),
    );
    return mails.length >= ids.length ? mails : undefined;
  }, RECOVERY_MS);
  return receipts;
}

/** Mails with the same recipient and text: a mail sent twice. */
async function duplicateMails(): Promise<string[]> {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const mail of await outbox(local.runtime)) {
    const key = `${mail.destination.to.join(',')}\n${mail.subject}\n${mail.body.text}`;
    if (seen.has(key)) duplicates.push(mail.subject);
    seen.add(key);
  }
  return duplicates;
}

function expectNoServerFaults(outcomes: Outcome[]) {
  const answers = outcomes.flatMap((o) => o.answers);
  expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  for (const refused of answers.filter((a) => a.status === 503)) {
    expect(refused.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
  }
}

describe('fault injection', { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  it('keeps every entry accepted across a DynamoDB restart in the middle of a burst, answering 503 meanwhile', async () => {
    const units = await Promise.all(Array.from({ length: 6 }, () => createUnit(local.runtime)));

    // Submissions start over 1.4 s; the outage begins after 0.3 s and lasts over a second (plus the restart).
    const submitting = burst(units, 2, 120);
    await sleep(300);
    let whileDown: Awaited<ReturnType<typeof local.call>>;
    try {
      await local.runtime.faults.stopDynamoDb();
      // While it is down, a read answers 503 too.
      whileDown = await local.call('GET', '/v1/competitions/bayu-2023/registrations', {
        token: units[0]!.token,
      });
      await sleep(1000);
    } finally {
      await local.runtime.faults.startDynamoDb();
    }
    const outcomes = await submitting;

    expect(whileDown.status).toBe(503);
    expect(whileDown.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(whileDown.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expectNoServerFaults(outcomes);
    expect(outcomes.flatMap((o) => o.answers).some((a) => a.status === 503)).toBe(true);
    expect(outcomes.map((o) => o.status)).toEqual(Array(12).fill(201));
    const accepted = outcomes.map((o) => o.registrationId!);
    expect(new Set(accepted).size).toBe(12);
    const stored = (await Promise.all(units.map(storedIds))).flat();
    expect(stored.sort()).toEqual([...accepted].sort());

    const receipts = await recovered(
      accepted,
      units.map((u) => u.name),
    );
    expect(receipts).toHaveLength(12);
    for (const id of accepted) expect(publishedSubmissions().filter((p) => p === id)).toHaveLength(1);
    expect(await duplicateMails()).toEqual([]);
  });

  it('sends every mail once after the SES stand-in comes back', async () => {
    const units = await Promise.all(Array.from({ length: 3 }, () => createUnit(local.runtime)));
    const deadBefore = local.runtime.bus.deadLetters.length;
    await local.runtime.faults.stopSes();

    let outcomes: Outcome[];
    let duringOutage: unknown;
    try {
      outcomes = await burst(units, 1);
      await sleep(1500);
      duringOutage = await outbox(local.runtime).catch(() => undefined);
    } finally {
      await local.runtime.faults.startSes();
    }

    expect(duringOutage).toBeUndefined();
    expect(outcomes.map((o) => o.status)).toEqual([201, 201, 201]);
    const receipts = await recovered(
      outcomes.map((o) => o.registrationId!),
      units.map((u) => u.name),
    );
    expect(receipts).toHaveLength(3);
    expect(await duplicateMails()).toEqual([]);
    expect(local.runtime.bus.deadLetters.slice(deadBefore)).toEqual([]);
  });

  it('publishes every event once after the bus stops refusing, and mails each receipt once', async () => {
    const units = await Promise.all(Array.from({ length: 3 }, () => createUnit(local.runtime)));
    const deadBefore = {
      events: local.runtime.bus.deadLetters.length,
      records: local.runtime.poller.deadLetters.length,
    };
    local.runtime.faults.refusePublishes(true);

    let outcomes: Outcome[];
    let publishedWhileRefusing: string[];
    try {
      outcomes = await burst(units, 1);
      await sleep(1500);
      const submitted = outcomes.map((o) => o.registrationId);
      publishedWhileRefusing = publishedSubmissions().filter((id) => submitted.includes(id));
    } finally {
      local.runtime.faults.refusePublishes(false);
    }
    const accepted = outcomes.map((o) => o.registrationId!);

    expect(outcomes.map((o) => o.status)).toEqual([201, 201, 201]);
    expect(publishedWhileRefusing).toEqual([]);
    await recovered(
      accepted,
      units.map((u) => u.name),
    );
    for (const id of accepted) expect(publishedSubmissions().filter((p) => p === id)).toHaveLength(1);
    expect(await duplicateMails()).toEqual([]);
    expect(local.runtime.poller.deadLetters.slice(deadBefore.records)).toEqual([]);
    expect(local.runtime.bus.deadLetters.slice(deadBefore.events)).toEqual([]);
  });
});
