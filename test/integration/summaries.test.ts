/**
 * Summaries against the local runtime: workbooks built from entries stored in DynamoDB Local, streamed into the
 * S3 stand-in and read back with exceljs; the on-demand API through the bus; the nightly digest through the
 * outbox, the bus and the SES stand-in, once per night.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_NAMES, type LocalRuntime, startLocalRuntime } from '#infra/local/runtime.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { DynamoUnitStore } from '#shared/adapters/dynamodb/unit-store.ts';
import { accessDeps, digestDeps, summaryBuildDeps } from '#shared/composition.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { RegistrationQuery } from '#shared/ports/stores.ts';
import type { WorkbookStorage } from '#shared/ports/summaries.ts';
import { mintKey } from '#shared/use-cases/access.ts';
import { sendNightlyDigest } from '#shared/use-cases/digest.ts';
import { buildSummary, runNightlySummary } from '#shared/use-cases/summaries.ts';
import { fakeMailer } from '../support/fake-summary-ports.ts';
import { makeIdNumberEndingInX } from '../support/id-numbers.ts';
import {
  aiTrainerEmployeeTeam,
  api,
  createUnit,
  eventually,
  judged,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
/** 02:00 in Beijing the next night, when the schedule fires. */
const NIGHT = '2023-09-02T02:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","点我")';

let runtime: LocalRuntime;
let call: ReturnType<typeof api>;
const idNumbers: string[] = [];
const registrationIds: string[] = [];
let xIdNumber: string;

beforeAll(async () => {
  runtime = await startLocalRuntime({ clockStart: OPEN });
  call = api(runtime);
  // The API refuses formula-like unit names; one stored some other way must still be neutralised.
  const { issued, secret: token } = mintKey(accessDeps(), { role: 'unit', unitId: 'unit_formula' }, 'test');
  await new DynamoUnitStore(documentClient(), LOCAL_NAMES.table).create(
    {
      unitId: 'unit_formula',
      name: FORMULA_NAME,
      kind: 'enterprise',
      district: '渝中区',
      contact: { name: '李明', phone: '13900001111', email: 'unit@example.cn' },
      createdAt: '2023-07-01T00:00:00.000Z',
    },
    issued,
  );
  const others = [await createUnit(runtime, 'school'), await createUnit(runtime, 'enterprise')];
  xIdNumber = makeIdNumberEndingInX({ birthDate: '1991-02-03', gender: 'male' });
  const submit = async (unitToken: string, body: unknown) => {
    const response = await call('POST', REGISTRATIONS, { token: unitToken, body });
    if (response.status !== 201) throw new Error(`submission failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  // Five machine-vision entries (three pages of two) and one AI-trainer team.
  for (const entry of [
    { token, contestant: person({ idNumber: xIdNumber, gender: 'male', birthDate: '1991-02-03' }) },
    { token, contestant: person() },
    { token: others[0]!.token, contestant: person() },
    { token: others[0]!.token, contestant: person() },
    { token: others[1]!.token, contestant: person() },
  ]) {
    const created = await submit(entry.token, machineVisionEntry(entry.contestant));
    registrationIds.push(created.registrationId);
    idNumbers.push(entry.contestant.idNumber as string);
  }
  await submit(others[1]!.token, aiTrainerEmployeeTeam());
  // Eligibility is checked on its own after each submission: build once every verdict is in, so what the
  // issues sheet lists does not depend on timing.
  for (const id of registrationIds) await judged(runtime, id);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

async function readWorkbook(key: string): Promise<ExcelJS.Workbook> {
  const s3 = new S3Client({ forcePathStyle: true });
  const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_NAMES.bucket, Key: key }));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await object.Body!.transformToByteArray()) as never);
  s3.destroy();
  return workbook;
}

/** Stores an on-demand summary waiting for its build (without the event, so nothing else builds it). */
async function requested(summaryId: string): Promise<string> {
  await summaryBuildDeps().summaries.create({
    summaryId,
    competitionId: 'bayu-2023',
    kind: 'on-demand',
    state: 'requested',
    requestedAt: '2023-09-02T02:30:00.000Z',
    requestedBy: 'secretariat',
    files: [],
  });
  return summaryId;
}

/** `summaries/<competition>/<day>/<summaryId>/` of a workbook's key: every attempt's files are under it. */
const summaryFolder = (key: string) => `${key.split('/').slice(0, 4).join('/')}/`;

/** The keys stored under a prefix, sorted. */
async function storedKeys(prefix: string): Promise<string[]> {
  const s3 = new S3Client({ forcePathStyle: true });
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_NAMES.bucket, Prefix: prefix }));
  s3.destroy();
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

/** The links of a digest's text, to the local gateway. */
const digestLinks = (text: string) => [...text.matchAll(/http:\/\/127\.0\.0\.1:\d+\/\S+/g)].map((m) => m[0]);

const values = (row: ExcelJS.Row, count: number) =>
  Array.from({ length: count }, (_, i) => row.getCell(i + 1).value);

describe('the nightly summary', () => {
  let published: Awaited<ReturnType<typeof runNightlySummary>>;
  const listCalls: RegistrationQuery[] = [];

  beforeAll(async () => {
    runtime.setClock(NIGHT);
    const deps = summaryBuildDeps();
    const registrations = {
      list: (q: RegistrationQuery) => {
        listCalls.push(q);
        return deps.registrations.list(q);
      },
    };
    published = await runNightlySummary(
      { ...deps, registrations, pageSize: 2 },
      { competitionId: 'bayu-2023', correlationId: 'test' },
    );
  }, 60_000);

  it('stores a workbook per track and one for the competition under dated keys', () => {
    expect(published?.state).toBe('ready');
    expect(published?.summaryId).toBe('sum_bayu-2023_20230902');
    // Under the build attempt's id: `summaries/<competition>/<day>/<summaryId>/<attempt>/<scope>.xlsx`.
    const attempt = published?.files[0]?.key.split('/')[4];
    expect(attempt).toMatch(/^[0-9A-Z]{26}$/);
    expect(published?.files.map((f) => [f.scope, f.key])).toEqual(
      ['ai-trainer', 'machine-vision', 'all'].map((scope) => [
        scope,
        `summaries/bayu-2023/2023-09-02/sum_bayu-2023_20230902/${attempt}/${scope}.xlsx`,
      ]),
    );
    expect(published?.files.map((f) => f.fileName)).toContain(
      '人工智能与机器视觉技术-参赛信息汇总-2023-09-02.xlsx',
    );
  });

  it('lays out each unit sheet as 附件5, one row per contestant, ID numbers as 18-character text', async () => {
    const workbook = await readWorkbook(published!.files.find((f) => f.scope === 'machine-vision')!.key);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '统计',
      '待补充事项',
      '总表',
      // A sheet name is never evaluated; the serial number leads it anyway.
      expect.stringMatching(/^1 =HYPERLINK/),
      expect.stringMatching(/^2 重庆测试单位\d+学院$/),
      expect.stringMatching(/^3 重庆测试单位\d+公司$/),
    ]);
    const sheet = workbook.worksheets[3]!;
    expect(sheet.getCell('A1').value).toBe('“巴渝工匠”杯重庆市首届人工智能和工业互联网职业技能竞赛');
    expect(sheet.getCell('A2').value).toBe('参赛信息汇总表');
    expect(sheet.getCell('A3').value).toBe(`报名单位（盖章）：'${FORMULA_NAME}`);
    expect(sheet.getCell('F3').value).toBe('报名日期：2023-09-02');
    expect(values(sheet.getRow(4), 7)).toEqual([
      '序号',
      '参赛赛项',
      '姓名',
      '性别',
      '身份证号',
      '联系电话',
      '指导教师（领队）信息',
    ]);
    expect(values(sheet.getRow(5), 8).slice(6)).toEqual(['姓名', '联系电话']);
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'G4:H4', 'A4:A5']));
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(sheet.rowCount).toBe(5 + 2);
    const idCell = sheet.getCell('E6');
    expect(idCell.type).toBe(ExcelJS.ValueType.String);
    expect(idCell.value).toBe(xIdNumber);
    expect(String(idCell.value)).toHaveLength(18);
    expect(sheet.getCell('B6').value).toBe('人工智能与机器视觉技术');
    expect(values(sheet.getRow(6), 8).slice(6)).toEqual(['王领队', '13700001234']);
    expect(sheet.getCell('E6').border?.left).toEqual({ style: 'thin' });
  });

  it('holds every contestant exactly once in the master sheet, read over three pages', async () => {
    const workbook = await readWorkbook(published!.files.find((f) => f.scope === 'machine-vision')!.key);
    const master = workbook.getWorksheet('总表')!;
    expect(master.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(master.autoFilter).toBe('A1:Y1');
    const ids: unknown[] = [];
    master.eachRow((row, n) => {
      if (n > 1) ids.push(row.getCell(10).value);
    });
    expect([...ids].sort()).toEqual([...idNumbers].sort());
    for (const cell of ids) expect(typeof cell).toBe('string');
    const masterPass = listCalls.filter((q) => q.trackId === 'machine-vision' && q.unitId === undefined);
    // Statistics, issues and master each read the track's five entries in pages of two: 3 pages a pass.
    expect(masterPass).toHaveLength(9);
    expect(masterPass.every((q) => q.limit === 2)).toBe(true);
    const issues = workbook.getWorksheet('待补充事项')!;
    expect(issues.rowCount).toBe(1 + 5);
    // Eligible, but no photo yet: the photo is what is missing.
    expect(String(issues.getRow(2).getCell(8).value)).toContain('未上传二寸红底免冠照片');
    expect(String(issues.getRow(2).getCell(8).value)).not.toContain('资格审核尚未完成');
  });

  it('mails the digest once with the figures and links to the signed-in download, no workbook', async () => {
    const mail = await eventually(async () => {
      const store = (await (await fetch(`${runtime.sesEndpoint}/store`)).json()) as { emails: any[] };
      return store.emails.find((e) => String(e.subject).startsWith('报名日报 2023-09-02'));
    });
    expect([mail.destination.to].flat().sort()).toEqual(['1046344221@qq.com', '86905070@qq.com']);
    expect(mail.subject).toBe('报名日报 2023-09-02：有效报名 6 个，新增 6 个');
    expect(mail.body.text).toContain('职工组：有效报名 1 个（选手 2 人），已完成 0 个');
    expect(mail.body.text).toContain('合计：有效报名 5 个，选手 5 人，已完成 0 个');
    expect(mail.body.text).toContain('报名截止 2023年9月22日24:00（北京时间），还剩 20 天');
    expect(mail.attachments ?? []).toEqual([]);
    // Nothing in the mail a reader it was forwarded to could use: no ID number, phone or address.
    const raw = JSON.stringify(mail);
    for (const idNumber of idNumbers) expect(raw).not.toContain(idNumber);
    expect(raw).not.toContain('13700001234');
    expect(raw).not.toContain('大学城中路');
    expect(digestLinks(mail.body.text)).toHaveLength(3);

    // The schedule fires again the same night: nothing new is published, nothing more is sent.
    await runNightlySummary(summaryBuildDeps(), { competitionId: 'bayu-2023', correlationId: 'again' });
    const mailer = fakeMailer();
    const data = runtime.bus.published.find((e) => e['detail-type'] === 'SummaryPublished')!.detail as any;
    expect(await sendNightlyDigest({ ...digestDeps(), mailer }, data.data)).toBe('already-sent');
    await runtime.bus.settled();
    expect(runtime.bus.published.filter((e) => e['detail-type'] === 'SummaryPublished')).toHaveLength(1);
    const store = (await (await fetch(`${runtime.sesEndpoint}/store`)).json()) as { emails: any[] };
    expect(store.emails.filter((e) => String(e.subject).startsWith('报名日报'))).toHaveLength(1);
    expect(mailer.send).not.toHaveBeenCalled();
  });

  it("downloads a digest link's workbook for the signed-in secretariat only", async () => {
    const mailer = fakeMailer();
    await sendNightlyDigest(
      { ...digestDeps(), mailer },
      { ...published!, kind: 'nightly', night: '2023-09-03', asOf: published!.asOf! },
    );
    const link = digestLinks(mailer.sent[0]?.text ?? '')[2]!;
    expect(new URL(link).pathname).toBe(`/v1/summaries/${published!.summaryId}/files/all`);

    const anonymous = await fetch(link, { redirect: 'manual' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    // A link of the tokenless kind the digest used to carry opens nothing either.
    const signed = await fetch(`${link}?expires=9999999999&signature=AAAA`, { redirect: 'manual' });
    expect(signed.status).toBe(401);
    const unit = await createUnit(runtime);
    const forUnit = await fetch(link, {
      redirect: 'manual',
      headers: { authorization: `Bearer ${unit.token}` },
    });
    expect(forUnit.status).toBe(403);

    const secretariat = { authorization: `Bearer ${runtime.secretariatToken}` };
    const followed = await fetch(link, { redirect: 'manual', headers: secretariat });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('cache-control')).toBe('no-store');
    const download = await fetch(followed.headers.get('location')!);
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const unknown = await fetch(link.replace(/\/all$/, '/no-such-scope'), {
      redirect: 'manual',
      headers: secretariat,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('a summary on demand', () => {
  it('answers 202 with an id, builds it through the bus and hands out a short-lived download link', async () => {
    const requested = await call('POST', '/v1/competitions/bayu-2023/summaries', {
      token: runtime.secretariatToken,
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ kind: 'on-demand', state: 'requested' });
    const path = `/v1/summaries/${requested.body.summaryId}`;
    expect(requested.headers.get('location')).toBe(path);

    const ready = await eventually(async () => {
      const response = await call('GET', path, { token: runtime.secretariatToken });
      return response.body.state === 'ready' ? response : undefined;
    });
    expect(ready.body.files.map((f: { scope: string }) => f.scope)).toEqual([
      'ai-trainer',
      'machine-vision',
      'all',
    ]);
    expect(JSON.stringify(ready.body.files)).not.toContain('summaries/');
    const download = await fetch(ready.body.downloads[2].url);
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    expect(ready.body.downloadsExpireInSeconds).toBe(300);
  });

  it('shows a failed build as failed until a retry makes it ready, which a late failure leaves alone', async () => {
    const deps = summaryBuildDeps();
    const summaryId = await requested('sum_retried');
    const path = `/v1/summaries/${summaryId}`;
    const token = runtime.secretariatToken;
    // The first workbook is stored, then the bucket fails: the attempt fails and removes what it wrote.
    const written: string[] = [];
    const failsHalfWay: WorkbookStorage = {
      writeWorkbook: async (key, sheets) => {
        if (written.push(key) === 2) throw new Error('bucket unavailable');
        return deps.workbooks.writeWorkbook(key, sheets);
      },
      removeWorkbooks: (keys) => deps.workbooks.removeWorkbooks(keys),
    };
    await expect(
      buildSummary({ ...deps, workbooks: failsHalfWay }, { summaryId, correlationId: 'first' }),
    ).rejects.toThrow('bucket unavailable');
    expect(written).toHaveLength(2);
    expect(await storedKeys(summaryFolder(written[0]!))).toEqual([]);
    const failed = await call('GET', path, { token });
    expect(failed.body).toMatchObject({ state: 'failed', failedAttempts: 1, files: [] });
    expect(failed.body.lastFailedAt).toEqual(expect.any(String));
    expect(failed.body.downloads).toBeUndefined();

    expect((await buildSummary(deps, { summaryId, correlationId: 'retry' }))?.state).toBe('ready');
    await deps.summaries.markFailed(summaryId, '2023-09-02T03:00:00.000Z');
    const ready = await call('GET', path, { token });
    expect(ready.body).toMatchObject({ state: 'ready', failedAttempts: 1 });
    expect(ready.body.downloads).toHaveLength(3);
  });

  it('builds once when two deliveries come at once: the second finds the build held and fails, to be retried', async () => {
    const deps = summaryBuildDeps();
    const summaryId = await requested('sum_raced');
    const builds = await Promise.allSettled([
      buildSummary(deps, { summaryId, correlationId: 'one' }),
      buildSummary(deps, { summaryId, correlationId: 'two' }),
    ]);
    expect(builds.map((b) => b.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = builds.find((b) => b.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toContain('being built by another invocation');
    const stored = await deps.summaries.get(summaryId);
    expect(stored?.state).toBe('ready');
    const kept = stored!.files.map((f) => f.key).sort();
    expect(await storedKeys(summaryFolder(kept[0]!))).toEqual(kept);
    // The retry finds it built.
    expect((await buildSummary(deps, { summaryId, correlationId: 'two, again' }))?.completedAt).toBe(
      stored?.completedAt,
    );
  });

  it('takes over a build whose builder died (its lease ran out) and completes it', async () => {
    const deps = summaryBuildDeps();
    const summaryId = await requested('sum_taken_over');
    // A builder took it an hour ago (app time) and was stopped at its timeout: the lease has run out.
    const hourAgo = isoAt(deps.clock.nowMs() - 3_600_000);
    expect(
      await deps.summaries.startBuilding(summaryId, hourAgo, isoAt(deps.clock.nowMs() - 7_200_000)),
    ).toBe('started');
    expect(
      (await call('GET', `/v1/summaries/${summaryId}`, { token: runtime.secretariatToken })).body,
    ).toMatchObject({ state: 'building', buildingSince: hourAgo });
    const built = await buildSummary(deps, { summaryId, correlationId: 'retry' });
    expect(built?.state).toBe('ready');
    const kept = built!.files.map((f) => f.key).sort();
    expect(await storedKeys(summaryFolder(kept[0]!))).toEqual(kept);
  });

  it('keeps the files of a completion whose answer was lost', async () => {
    const deps = summaryBuildDeps();
    const summaryId = await requested('sum_answer_lost');
    // The completion commits, but its answer is lost and the SDK's retry meets its own condition: "refused".
    const summaries = Object.assign(Object.create(deps.summaries), {
      complete: async (...args: Parameters<typeof deps.summaries.complete>) => {
        await deps.summaries.complete(...args);
        return false;
      },
    });
    const built = await buildSummary({ ...deps, summaries }, { summaryId, correlationId: 'lost' });
    expect(built?.state).toBe('ready');
    const kept = built!.files.map((f) => f.key).sort();
    expect(await storedKeys(summaryFolder(kept[0]!))).toEqual(kept);
  });

  it('lists the nightly and requested summaries, the latest request first, with their states', async () => {
    const requested = await call('POST', '/v1/competitions/bayu-2023/summaries', {
      token: runtime.secretariatToken,
    });
    const listed = await call('GET', '/v1/competitions/bayu-2023/summaries', {
      token: runtime.secretariatToken,
    });
    expect(listed.status).toBe(200);
    const items = listed.body.items as {
      summaryId: string;
      kind: string;
      state: string;
      requestedAt: string;
    }[];
    expect(items).toContainEqual(
      expect.objectContaining({ summaryId: requested.body.summaryId, kind: 'on-demand' }),
    );
    expect(items.some((s) => s.kind === 'nightly' && s.state === 'ready')).toBe(true);
    const times = items.map((s) => s.requestedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(JSON.stringify(items)).not.toContain('summaries/');
  });

  it('is for the secretariat only', async () => {
    const unit = await createUnit(runtime);
    const response = await call('POST', '/v1/competitions/bayu-2023/summaries', { token: unit.token });
    expect(response.status).toBe(403);
    expect((await call('GET', '/v1/competitions/bayu-2023/summaries', { token: unit.token })).status).toBe(
      403,
    );
    expect((await call('GET', '/v1/summaries/sum_nope', { token: runtime.secretariatToken })).status).toBe(
      404,
    );
  });
});

describe('digest claims in DynamoDB', () => {
  it('lease a night: held while young, taken over when stale, sent for good; only sent ones start "since"', async () => {
    const store = summaryBuildDeps().summaries;
    const claim = { competitionId: 'lease-test', night: '2023-09-10', asOf: '2023-09-09T18:00:00.000Z' };
    const first = '2023-09-09T18:00:10.000Z';
    const second = '2023-09-09T18:06:00.000Z';
    expect(await store.claimDigest(claim, first, '2023-09-09T17:54:40.000Z')).toBe('claimed');
    expect(await store.claimDigest(claim, '2023-09-09T18:01:00.000Z', '2023-09-09T17:55:30.000Z')).toBe(
      'held',
    );
    // The first sender died: past its lease, the night is taken over.
    expect(await store.claimDigest(claim, second, '2023-09-09T18:00:30.000Z')).toBe('claimed');
    // A late word from the first claimant touches nothing.
    await store.markDigestSent(claim, first, '2023-09-09T18:06:01.000Z');
    await store.releaseDigest(claim, first);
    expect(await store.claimDigest(claim, '2023-09-09T18:07:00.000Z', '2023-09-09T18:01:30.000Z')).toBe(
      'held',
    );
    expect(await store.previousDigest('lease-test', '2023-09-11T00:00:00.000Z')).toBeUndefined();

    await store.markDigestSent(claim, second, '2023-09-09T18:06:05.000Z');
    expect(await store.claimDigest(claim, '2023-09-09T18:30:00.000Z', '2023-09-09T18:24:30.000Z')).toBe(
      'sent',
    );
    expect(await store.previousDigest('lease-test', '2023-09-11T00:00:00.000Z')).toBe(claim.asOf);
  });
});
