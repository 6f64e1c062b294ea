/**
 * The end of personal data, end to end on the local runtime: a whole edition's flow (units, entries, accepted
 * photos, a photo export, mails, a nightly summary and its digest), then the purge (stopped half-way once, then
 * resumed by its schedule), then every attribute of every item of the table and every byte of every object of
 * the bucket searched for the people seeded.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_NAMES } from '#infra/local/runtime.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { PARTITIONS } from '#shared/adapters/dynamodb/keys.ts';
import { outboxEventOf } from '#shared/adapters/dynamodb/outbox-items.ts';
import { DynamoPurgeStore } from '#shared/adapters/dynamodb/purge-store.ts';
import { purgeDeps, summaryBuildDeps } from '#shared/composition.ts';
import { purgeDueAtMs } from '#shared/domain/purge.ts';
import { purgePersonalData } from '#shared/use-cases/purge.ts';
import { runNightlySummary } from '#shared/use-cases/summaries.ts';
import { edition2023 } from '../support/fake-ports.ts';
import {
  createUnit,
  eventually,
  judged,
  machineVisionEntry,
  person,
  uploadPhoto,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { outbox } from '../support/outbox.ts';
import { makePhoto } from '../support/photos.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const NIGHT = '2023-09-02T02:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const DUE = purgeDueAtMs(edition2023());

const local = localRuntimeOfFile({ clockStart: OPEN });

/** Every value that names or reaches a seeded person: names, ID numbers, phones, addresses. */
const personal = new Set<string>(['李明', '13900001111', '王领队', '13700001234']);

/** Every item of the table, as JSON: every attribute, nested ones included. */
const isOutboxItem = (item: Record<string, unknown>) => String(item.pk).startsWith(PARTITIONS.outbox);

async function tableText(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: LOCAL_NAMES.table, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    // An outbox item's detail is stored deflated: searched as the event it holds.
    items.push(
      ...(page.Items ?? []).map((item) => JSON.stringify(isOutboxItem(item) ? outboxEventOf(item) : item)),
    );
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every object of the bucket: its key and its bytes as text, a ZIP's (xlsx, photo export) entries unpacked. */
async function bucketText(): Promise<Array<{ key: string; text: string }>> {
  const s3 = new S3Client({ forcePathStyle: true });
  try {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_NAMES.bucket }));
    return await Promise.all(
      (listed.Contents ?? []).map(async ({ Key }) => {
        const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: Key! }));
        const bytes = Buffer.from(await object.Body!.transformToByteArray());
        const parts = [Key!, bytes.toString('utf8'), bytes.toString('latin1')];
        if (bytes.subarray(0, 2).toString() === 'PK') {
          const zip = await JSZip.loadAsync(bytes);
          for (const entry of Object.values(zip.files)) parts.push(entry.name, await entry.async('string'));
        }
        return { key: Key!, text: parts.join('\n') };
      }),
    );
  } finally {
    s3.destroy();
  }
}

const found = (texts: string[]) => [...personal].filter((value) => texts.some((t) => t.includes(value)));

beforeAll(async () => {
  const { runtime, call } = local;
  const units = [await createUnit(runtime, 'school'), await createUnit(runtime), await createUnit(runtime)];
  const ids: Array<{ token: string; id: string }> = [];
  for (const [i, unit] of units.entries()) {
    for (const contestants of i === 0 ? [[person()], [person({ identity: 'student' })]] : [[person()]]) {
      const body = {
        ...machineVisionEntry(contestants[0]),
        ...(contestants[0]?.identity === 'student'
          ? { advisor: { name: '赵老师', phone: '13600002222' } }
          : {}),
      };
      const created = await call('POST', REGISTRATIONS, { token: unit.token, body });
      expect(created.status).toBe(201);
      ids.push({ token: unit.token, id: created.body.registrationId });
      for (const c of contestants)
        for (const v of [c.name, c.idNumber, c.phone, c.address]) personal.add(String(v));
    }
  }
  const team = {
    trackId: 'ai-trainer',
    groupId: 'employee',
    leader: { name: '孙领队', phone: '13500003333' },
  };
  const members = [person(), person()];
  expect(
    (await call('POST', REGISTRATIONS, { token: units[1]!.token, body: { ...team, contestants: members } }))
      .status,
  ).toBe(201);
  for (const c of members) for (const v of [c.name, c.idNumber, c.phone]) personal.add(String(v));
  for (const v of ['赵老师', '13600002222', '孙领队', '13500003333']) personal.add(v);

  // Photos of the eligible entries, accepted; the track's photos exported.
  for (const { token, id } of ids.slice(2)) {
    await judged(runtime, id, (r) => r.eligibility.status === 'passed');
    await uploadPhoto(runtime, { token, registrationId: id, index: 0, file: await makePhoto() });
    await judged(runtime, id, (r) => r.contestants[0].photo.status === 'accepted');
  }
  const secretariat = { authorization: `Bearer ${runtime.secretariatToken}` };
  const zip = await fetch(`${runtime.baseUrl}/v1/competitions/bayu-2023/tracks/machine-vision/photos.zip`, {
    headers: secretariat,
    redirect: 'manual',
  });
  expect(zip.status).toBe(303);
  // A list the secretariat keeps (hashed), and a grant whose reason names a person.
  const excluded = person();
  personal.add(String(excluded.idNumber));
  await call('PUT', '/v1/competitions/bayu-2023/exclusions', {
    token: runtime.secretariatToken,
    body: { idNumbers: [excluded.idNumber] },
  });
  await call('POST', '/v1/competitions/bayu-2023/tracks/machine-vision/overrides', {
    token: runtime.secretariatToken,
    body: {
      unitId: units[2]!.unitId,
      reason: '联系人李明来电说明材料延误',
      until: '2023-09-25T00:00:00+08:00',
    },
  });
  // Every receipt mailed, then the night's summary and its digest.
  await eventually(async () => ((await outbox(runtime)).length >= ids.length + 1 ? true : undefined), 30_000);
  runtime.setClock(NIGHT);
  const summary = await runNightlySummary(summaryBuildDeps(), {
    competitionId: 'bayu-2023',
    correlationId: 'night',
  });
  expect(summary?.state).toBe('ready');
  await eventually(async () =>
    (await outbox(runtime)).some((m) => m.subject.startsWith('报名日报')) ? true : undefined,
  );
  await runtime.bus.settled();
}, 180_000);

describe('the personal data of an edition', () => {
  it('is in the table, the bucket and the photo export before the purge (the search finds it)', async () => {
    const objects = await bucketText();
    expect(found(await tableText()).length).toBeGreaterThan(personal.size / 2);
    expect(objects.map((o) => o.key.split('/')[0])).toEqual(
      expect.arrayContaining(['photos', 'uploads', 'exports', 'summaries']),
    );
    expect(found(objects.map((o) => o.text)).length).toBeGreaterThan(0);
  });

  it('never travels in an event (the archive keeps them 400 days), RegistrationExpired aside', () => {
    const events = local.runtime.bus.published.filter((e) => e['detail-type'] !== 'RegistrationExpired');
    expect(events.length).toBeGreaterThan(10);
    expect(found(events.map((e) => JSON.stringify(e)))).toEqual([]);
  });

  it('is gone from every item and every object after the purge, which resumes where it stopped', async () => {
    const { runtime } = local;
    // The first run is stopped after three pages of ten items, as a Lambda timeout would stop it.
    runtime.setClock(DUE + 1000);
    let pages = 0;
    const first = await purgePersonalData(
      {
        ...purgeDeps(),
        purge: new DynamoPurgeStore(documentClient(), LOCAL_NAMES.table, 10),
        timeLeftMs: () => (++pages <= 3 ? 900_000 : 0),
      },
      { action: 'purge-personal-data', competitionId: 'bayu-2023' },
    );
    expect(first.outcome).toBe('unfinished');
    expect(found(await tableText()).length).toBeGreaterThan(0);

    // The edition's schedule fires at the due instant and finishes the job.
    runtime.setClock(DUE - 1500);
    await eventually(() => runtime.scheduler.fired.some((f) => f.schedule === 'purge-bayu-2023'), 10_000);
    await runtime.scheduler.settled();
    const store = new DynamoPurgeStore(documentClient(), LOCAL_NAMES.table);
    expect((await store.checkpoint('bayu-2023'))?.phase).toBe('done');

    expect(found(await tableText())).toEqual([]);
    const objects = await bucketText();
    expect(found(objects.map((o) => o.text))).toEqual([]);
    expect(objects.filter((o) => /^(photos|uploads|exports|summaries)\/bayu-2023\//.test(o.key))).toEqual([]);
  }, 120_000);

  it('keeps anonymous counts and reports them once to the secretariat', async () => {
    const { runtime } = local;
    const texts = await tableText();
    const remains = texts.filter((t) => t.includes('"type":"purged-registration"')).map((t) => JSON.parse(t));
    expect(remains).toHaveLength(5);
    expect(remains[0]).toEqual(
      expect.objectContaining({
        trackId: expect.any(String),
        groupId: expect.any(String),
        status: expect.any(String),
      }),
    );
    const reports = (await outbox(runtime)).filter((m) => m.subject.startsWith('个人信息已按保存期限清除'));
    expect(reports.flatMap((m) => m.destination.to).sort()).toEqual(edition2023().secretariatEmails.sort());
    expect(reports[0]?.body.text).toMatch(/报名记录.*\| 5/);
    // Every item type the flow wrote is one the purge knows.
    expect(reports[0]?.body.text).not.toContain('unreviewed:');
    expect(found(reports.map((m) => JSON.stringify(m)))).toEqual([]);

    // Running it again changes nothing and sends nothing.
    const again = await purgePersonalData(
      { ...purgeDeps(), timeLeftMs: () => 900_000 },
      { action: 'purge-personal-data', competitionId: 'bayu-2023' },
    );
    expect(again.outcome).toBe('already-purged');
    expect(
      (await outbox(runtime)).filter((m) => m.subject.startsWith('个人信息已按保存期限清除')),
    ).toHaveLength(reports.length);
  });
});
