/**
 * Drives the local runtime over HTTP as a client would: tokens, units and valid registration bodies.
 */
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { WEBHOOK_SWEEP_SCHEDULE } from '#shared/domain/webhooks.ts';
import { makeIdNumber } from './id-numbers.ts';
import { makePhoto } from './photos.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function api(runtime: LocalRuntime) {
  return async function call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${runtime.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    // Files (documents, workbooks) are left to the caller: only JSON answers are parsed.
    if (!/json/.test(response.headers.get('content-type') ?? '')) {
      await response.arrayBuffer();
      return { status: response.status, headers: response.headers, body: undefined as T };
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * The names of the schedules fired so far, but for the minute sweep of webhook retries, which fires at every
 * minute the local clock runs past and is no part of what tests look for.
 */
export const firedSchedules = (runtime: LocalRuntime): string[] =>
  runtime.scheduler.fired.map((f) => f.schedule).filter((name) => name !== WEBHOOK_SWEEP_SCHEDULE);

let unitCounter = 0;

export async function createUnit(
  runtime: LocalRuntime,
  kind: 'enterprise' | 'school' = 'enterprise',
  district = '沙坪坝区',
): Promise<{ unitId: string; token: string; name: string }> {
  unitCounter += 1;
  const name = `重庆测试单位${unitCounter}${kind === 'school' ? '学院' : '公司'}`;
  const response = await api(runtime)('POST', '/v1/units', {
    token: runtime.secretariatToken,
    body: {
      name,
      kind,
      district,
      contact: { name: '李明', phone: '13900001111', email: 'unit@example.cn' },
    },
  });
  if (response.status !== 201) throw new Error(`unit creation failed: ${JSON.stringify(response.body)}`);
  return { unitId: response.body.unit.unitId, token: response.body.token, name };
}

let portalCounter = 0;

/** A portal client made by the local admin: every scope unless told, for the units and districts given. */
export async function createPortal(
  runtime: LocalRuntime,
  reach: { unitIds?: string[]; districts?: string[]; scopes?: string[] },
): Promise<{ portalId: string; token: string; keyId: string; name: string }> {
  portalCounter += 1;
  const name = `测试门户${portalCounter}`;
  const response = await api(runtime)('POST', '/v1/portals', {
    token: runtime.secretariatToken,
    body: {
      name,
      contact: { name: '赵磊', email: 'portal@example.cn' },
      unitIds: reach.unitIds ?? [],
      districts: reach.districts ?? [],
      scopes: reach.scopes ?? ['registrations:read', 'registrations:write', 'events:read'],
    },
  });
  if (response.status !== 201) throw new Error(`portal creation failed: ${JSON.stringify(response.body)}`);
  return {
    portalId: response.body.portal.portalId,
    token: response.body.token,
    keyId: response.body.key.keyId,
    name,
  };
}

let personCounter = 0;

/** A different valid person on each call: distinct ID numbers, phones and names. */
export function person(overrides: Record<string, unknown> = {}) {
  personCounter += 1;
  const n = personCounter;
  const gender = n % 2 === 0 ? 'female' : 'male';
  const birthDate = `19${80 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`;
  return {
    name: `张${'伟明华强军'[n % 5]}${'一二三四五六七八九十'[Math.floor(n / 5) % 10]}`,
    gender,
    idNumber: makeIdNumber({ region: '500106', birthDate, sequence: n % 100, gender }),
    education: 'bachelor',
    major: '人工智能技术应用',
    phone: `139${String(10_000_000 + n).slice(-8)}`,
    address: '重庆市沙坪坝区大学城中路1号',
    postcode: '401331',
    identity: 'employee',
    qualificationLevel: 3,
    yearsInTrade: 6,
    ...overrides,
  };
}

export const machineVisionEntry = (contestant = person()) => ({
  trackId: 'machine-vision',
  groupId: 'open',
  leader: { name: '王领队', phone: '13700001234' },
  contestants: [contestant],
});

export const aiTrainerEmployeeTeam = () => ({
  trackId: 'ai-trainer',
  groupId: 'employee',
  leader: { name: '王领队', phone: '13700001234' },
  contestants: [person(), person()],
});

/** Waits for a condition the system reaches asynchronously (events through the stream and the bus). */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Reads an entry (as the secretariat) once its eligibility has been evaluated, or once `done` holds. Tests
 * that compare versions wait for it: the evaluation is a stored change of its own.
 */
export function judged(
  runtime: LocalRuntime,
  registrationId: string,
  done: (registration: any) => boolean = (r) => r.eligibility.status !== 'pending',
): Promise<any> {
  return eventually(async () => {
    const read = await api(runtime)('GET', `/v1/registrations/${registrationId}`, {
      token: runtime.secretariatToken,
    });
    return done(read.body) ? read.body : undefined;
  });
}

/**
 * Asks for a contestant's photo grant and sends the file through the presigned POST as a browser form would;
 * answers the grant's upload id (the check then runs asynchronously).
 */
export async function uploadPhoto(
  runtime: LocalRuntime,
  upload: { token: string; registrationId: string; index: number; file: Buffer; fileName?: string },
): Promise<string> {
  const { token, registrationId, index, file, fileName = 'photo.jpg' } = upload;
  const grant = await api(runtime)('POST', `/v1/registrations/${registrationId}/contestants/${index}/photo`, {
    token,
  });
  if (grant.status !== 201)
    throw new Error(`photo grant failed: ${grant.status} ${JSON.stringify(grant.body)}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(grant.body.upload.fields as Record<string, string>)) {
    form.append(name, value);
  }
  form.append('file', new Blob([file], { type: 'image/jpeg' }), fileName);
  const response = await fetch(grant.body.upload.url, { method: 'POST', body: form });
  if (response.status >= 300) throw new Error(`photo upload failed: ${response.status}`);
  return grant.body.uploadId as string;
}

/**
 * Takes a submitted entry of one contestant to `complete`: waits for its eligibility to pass, uploads a good
 * photo for the contestant and waits for the check to accept it.
 */
export async function completeWithPhoto(
  runtime: LocalRuntime,
  entry: { token: string; registrationId: string },
): Promise<void> {
  await judged(runtime, entry.registrationId, (r) => r.eligibility.status === 'passed');
  await uploadPhoto(runtime, { ...entry, index: 0, file: await makePhoto() });
  await judged(runtime, entry.registrationId, (r) => r.status === 'complete');
}
