import { describe, expect, it } from 'vitest';
import { fieldErrorZh, fieldPlaceZh } from '#shared/domain/field-errors-zh.ts';
import { ApiError, createApi, signingOutOn401 } from '../src/api.ts';
import { createConsoleApi } from '../src/console/api.ts';
import { inputFor, inputId } from '../src/form-model.ts';

type Call = { url: string; init: RequestInit };

function fetchAnswering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
        ...headers,
      },
    });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('the API client', () => {
  it('sends the key, the Idempotency-Key and reads the version from the ETag', async () => {
    const { fetch, calls } = fetchAnswering(201, { registrationId: 'reg_1' }, { etag: '"1"' });
    const api = createApi('bayu_unit_x', { fetch });
    const saved = await api.submit(
      'bayu-2023',
      { trackId: 't', groupId: 'g', leader: { name: '', phone: '' }, contestants: [] },
      'draft-1',
    );
    expect(saved.version).toBe(1);
    expect(calls[0]!.url).toBe('/v1/competitions/bayu-2023/registrations');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer bayu_unit_x');
    expect(headers['idempotency-key']).toBe('draft-1');
    expect(headers['content-type']).toBe('application/json');
  });

  it('amends and withdraws with If-Match', async () => {
    const { fetch, calls } = fetchAnswering(204, undefined);
    await createApi('k', { fetch }).withdraw('reg_1', 7);
    expect(calls[0]!.init.method).toBe('DELETE');
    expect((calls[0]!.init.headers as Record<string, string>)['if-match']).toBe('"7"');
  });

  it("reads an entry's older history by the cursor it was given", async () => {
    const { fetch, calls } = fetchAnswering(200, { items: [], cursor: 'next+/=' });
    const page = await createApi('k', { fetch }).olderHistory('reg_1', 'c+/=');
    expect(page.cursor).toBe('next+/=');
    expect(calls[0]!.url).toBe('/v1/registrations/reg_1/history?cursor=c%2B%2F%3D');
    expect(calls[0]!.init.method).toBe('GET');
  });

  it("downloads an entry's form as a file named by the answer's filename*", async () => {
    const name = '重庆测试学院-人工智能训练师-学生组-张伟、李娜.docx';
    const calls: Call[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'content-disposition': `attachment; filename="form.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        },
      });
    }) as unknown as typeof globalThis.fetch;
    const file = await createApi('k', { fetch }).entryForm('reg_1');
    expect(file.fileName).toBe(name);
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
    expect(calls[0]!.url).toBe('/v1/registrations/reg_1/form.docx');
    expect((calls[0]!.init.headers as Record<string, string>).accept).toBe('*/*');
  });

  it('names a file without filename* by its kind, and a refused download is an ApiError', async () => {
    const plain = (async () =>
      new Response('PK', { headers: { 'content-type': 'application/zip' } })) as unknown as typeof fetch;
    expect((await createConsoleApi('k', { fetch: plain }).unitForms('bayu-2023', 'unit_1')).fileName).toBe(
      '报名表.zip',
    );
    const { fetch: refusing, calls } = fetchAnswering(403, { code: 'FORBIDDEN' });
    await expect(
      createConsoleApi('k', { fetch: refusing }).unitForms('bayu-2023', 'unit_1'),
    ).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(calls[0]!.url).toBe('/v1/competitions/bayu-2023/units/unit_1/forms.zip');
  });

  it('turns problem+json into an ApiError with its field errors and a Chinese message', async () => {
    const errors = [
      {
        path: '/contestants/1/idNumber',
        code: 'INVALID_ID_NUMBER',
        message: 'ID number (身份证号) has a wrong check digit',
      },
    ];
    const { fetch } = fetchAnswering(422, { status: 422, code: 'VALIDATION_FAILED', detail: 'x', errors });
    const error = await createApi('k', { fetch })
      .validate('bayu-2023', { trackId: '', groupId: '', leader: { name: '', phone: '' }, contestants: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    expect((error as ApiError).errors).toEqual(errors);
    expect((error as ApiError).message).toBe('有信息填写不正确，请按提示修改');
  });

  it('reports a network failure as status 0 in Chinese', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const error = (await createApi('k', { fetch })
      .me()
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toContain('无法连接到报名系统');
  });
});

/** A fetch that answers each call with the next of `answers` (status and body), recording the calls. */
function fetchAnsweringInTurn(answers: { status: number; body?: unknown }[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const { status, body } = answers[calls.length - 1] ?? { status: 500 };
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("the console's client (issue 13's contract)", () => {
  const sent = (call: Call) => [
    call.init.method,
    call.url,
    call.init.body && JSON.parse(String(call.init.body)),
  ];

  it('asks who the key belongs to, and follows the review queue page by page', async () => {
    const { fetch, calls } = fetchAnsweringInTurn([
      {
        status: 200,
        body: { kind: 'secretariat', account: { name: '张三' }, key: { keyId: 'k', hint: 'h' } },
      },
      { status: 200, body: { items: [{ registrationId: 'reg_1' }], cursor: 'c1' } },
      { status: 200, body: { items: [{ registrationId: 'reg_2' }] } },
    ]);
    const api = createConsoleApi('bayu_sec_x', { fetch });
    expect((await api.me()).kind).toBe('secretariat');
    expect((await api.reviews('bayu-2023')).map((r) => r.registrationId)).toEqual(['reg_1', 'reg_2']);
    expect(calls.map((c) => c.url)).toEqual([
      '/v1/me',
      '/v1/competitions/bayu-2023/reviews?limit=100',
      '/v1/competitions/bayu-2023/reviews?limit=100&cursor=c1',
    ]);
  });

  it('reviews, rotates, lists, revokes and creates with the bodies the contract names', async () => {
    const { fetch, calls } = fetchAnsweringInTurn([
      { status: 200, body: {} },
      { status: 201, body: { key: { keyId: 'key_2', hint: 'bayu_unit_…9zzz' }, token: 'bayu_unit_new' } },
      { status: 200, body: { items: [] } },
      { status: 204 },
      { status: 201, body: { account: { accountId: 'acc_2', name: '李四' }, token: 'bayu_sec_new' } },
    ]);
    const api = createConsoleApi('bayu_sec_x', { fetch });
    await api.review('reg_1', 'reject', '学籍不符');
    expect(await api.rotateUnitKey('unit_1', 3600)).toEqual({
      token: 'bayu_unit_new',
      created: { keyId: 'key_2', hint: 'bayu_unit_…9zzz' },
    });
    await api.keys('unit_1');
    await api.revokeKey('key_1');
    expect(
      (await api.createAccount({ name: '李四', email: 'ls@example.cn', role: 'secretariat' })).token,
    ).toBe('bayu_sec_new');
    expect(calls.map(sent)).toEqual([
      ['POST', '/v1/registrations/reg_1/review', { decision: 'reject', reason: '学籍不符' }],
      ['POST', '/v1/units/unit_1/keys', { graceSeconds: 3600 }],
      ['GET', '/v1/keys?owner=unit_1', undefined],
      ['DELETE', '/v1/keys/key_1', undefined],
      ['POST', '/v1/accounts', { name: '李四', email: 'ls@example.cn', role: 'secretariat' }],
    ]);
  });

  it('searches by the whole ID number in the body, asks for whole numbers, and reads exclusions, summaries and dead letters', async () => {
    const { fetch, calls } = fetchAnsweringInTurn([
      { status: 200, body: { items: [{ registrationId: 'reg_1' }] } },
      { status: 200, body: { idNumber: '11010519491231002X', phone: '13800001234' } },
      { status: 200, body: { competitionId: 'bayu-2023', count: 2, updatedAt: '2023-09-01T01:00:00.000Z' } },
      { status: 200, body: { items: [{ summaryId: 'sum_1', kind: 'nightly', state: 'ready' }] } },
      { status: 200, body: { total: 1, queues: [{ queue: 'events for Notify', messages: 1 }] } },
    ]);
    const api = createConsoleApi('bayu_sec_x', { fetch });
    expect(
      (await api.searchByIdNumber('bayu-2023', '11010519491231002X')).map((r) => r.registrationId),
    ).toEqual(['reg_1']);
    expect(await api.wholeNumbers('reg_1', 1)).toEqual({
      idNumber: '11010519491231002X',
      phone: '13800001234',
    });
    expect((await api.exclusions('bayu-2023')).count).toBe(2);
    expect((await api.summaries('bayu-2023')).map((s) => s.summaryId)).toEqual(['sum_1']);
    expect((await api.deadLetters()).total).toBe(1);
    expect(calls.map(sent)).toEqual([
      ['POST', '/v1/competitions/bayu-2023/registrations/search', { idNumber: '11010519491231002X' }],
      ['POST', '/v1/registrations/reg_1/contestants/1/numbers', undefined],
      ['GET', '/v1/competitions/bayu-2023/exclusions', undefined],
      ['GET', '/v1/competitions/bayu-2023/summaries', undefined],
      ['GET', '/v1/dead-letters', undefined],
    ]);
    // The whole number travels in the body only, never in an address that logs keep.
    expect(calls.some((c) => c.url.includes('11010519491231002X'))).toBe(false);
  });

  it('signs out once on a 401 and still reports the refusal', async () => {
    const { fetch } = fetchAnsweringInTurn([{ status: 401, body: { code: 'UNAUTHENTICATED' } }]);
    let signedOut = 0;
    const api = signingOutOn401(createConsoleApi('bayu_sec_revoked', { fetch }), () => signedOut++);
    const error = (await api.units().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(signedOut).toBe(1);
  });
});

describe('field errors in Chinese', () => {
  it("names /contestants/1/idNumber as 选手2's 身份证号码 and finds its input", () => {
    expect(fieldPlaceZh('/contestants/1/idNumber')).toBe('选手2 身份证号码');
    const paths = ['/leader/name', '/advisor/name', '/advisor/phone', '/contestants/1/idNumber'];
    expect(inputId(inputFor('/contestants/1/idNumber', paths)!)).toBe('f-contestants-1-idNumber');
    expect(inputFor('/advisor', paths)).toBe('/advisor/name');
  });

  it('explains an ID number from the value typed', () => {
    const error = {
      path: '/contestants/0/idNumber',
      code: 'INVALID_ID_NUMBER',
      message: 'ID number (身份证号) must have 18 characters, not 17',
    };
    expect(fieldErrorZh(error, '50010320050301001')).toBe('身份证号码应为18位，现在是17位');
    expect(fieldErrorZh({ ...error, message: 'ID number (身份证号) has a wrong check digit' })).toBe(
      '身份证号码的校验位（最后一位）不正确，请逐位核对',
    );
  });

  it('says 请选择 for chosen fields and 请填写 for typed ones', () => {
    expect(fieldErrorZh({ path: '/contestants/0/gender', code: 'REQUIRED', message: 'is required' })).toBe(
      '请选择性别',
    );
    expect(fieldErrorZh({ path: '/leader/name', code: 'REQUIRED', message: 'must not be empty' })).toBe(
      '请填写领队姓名',
    );
    expect(
      fieldErrorZh({ path: '/advisor', code: 'ADVISOR_REQUIRED', message: 'group student needs an advisor' }),
    ).toBe('本组别须填写指导教师');
  });
});
