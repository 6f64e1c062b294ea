/**
 * The typed client of the REST API v1 (design.md), as the web app uses it: same origin, the unit's key as a
 * bearer token, problem+json errors turned into ApiError with their field errors.
 */
import type { Edition } from '#shared/domain/edition.ts';
import type { EligibilityFinding } from '#shared/domain/registration.ts';
import type { FieldError } from '#shared/domain/registration-input.ts';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import type { EntryBody, HistoryView, ImportView, Me, OverrideView, RegistrationView } from './types.ts';

/** A refused or failed request: the API's problem+json, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface DraftVerdict {
  status: 'passed' | 'failed' | 'review';
  findings: EligibilityFinding[];
  crossEntryChecked: boolean;
}

export interface UploadGrant {
  uploadId: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
  upload: { url: string; fields: Record<string, string>; expiresInSeconds: number };
}

/** A file the API answered (a form, an archive): its bytes and the name its Content-Disposition gives. */
export interface DownloadedFile {
  fileName: string;
  blob: Blob;
}

/** A registration as read, with the version its ETag names (for If-Match). */
export interface Versioned {
  registration: RegistrationView;
  version: number;
}

export interface Api {
  /** Who the key belongs to: a unit opens the units' app, a member of the secretariat the console. */
  me(): Promise<Me>;
  competition(competitionId: string): Promise<Edition>;
  /** The unit's own late-entry overrides in the competition (one page: the API lists a unit's grants whole). */
  overrides(competitionId: string): Promise<OverrideView[]>;
  /** Every entry the key may see, all pages; the secretariat may narrow them to one unit. */
  registrations(competitionId: string, filter?: { unitId?: string }): Promise<RegistrationView[]>;
  registration(registrationId: string): Promise<Versioned>;
  /** The page of an entry's history before `cursor` (the entry's `historyCursor`, then each page's). */
  olderHistory(registrationId: string, cursor: string): Promise<{ items: HistoryView[]; cursor?: string }>;
  validate(competitionId: string, body: EntryBody): Promise<DraftVerdict>;
  submit(competitionId: string, body: EntryBody, idempotencyKey: string): Promise<Versioned>;
  amend(registrationId: string, body: EntryBody, version: number): Promise<Versioned>;
  withdraw(registrationId: string, version: number): Promise<void>;
  grantPhotoUpload(registrationId: string, index: number, contentType: string): Promise<UploadGrant>;
  /** The entry's 附件4 选手报名表 filled in (Word), a page per contestant. */
  entryForm(registrationId: string): Promise<DownloadedFile>;
  /** The import template to fill in (批量报名模板). */
  importTemplate(competitionId: string): Promise<DownloadedFile>;
  /** Sends a filled-in template: the check of every row, nothing submitted yet. */
  checkImport(competitionId: string, file: Blob): Promise<ImportView>;
  /** An import's problems as a workbook (errors.xlsx). */
  importProblems(importId: string): Promise<DownloadedFile>;
  /** Submits every entry the check found ready; a repeat submits nothing twice. */
  commitImport(importId: string): Promise<ImportView>;
}

type Fetch = typeof fetch;

export interface ClientOptions {
  fetch?: Fetch;
  baseUrl?: string;
}

const NETWORK_MESSAGE = '无法连接到报名系统，请检查网络后重试';

/** One request with the bearer key; a refusal becomes ApiError. Shared by the units' app and the console. */
export type Request = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

export const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

/** The file of an answer, named by its `filename*` (RFC 6266, UTF-8), else by `fallback`. */
export async function fileOf(response: Response, fallback: string): Promise<DownloadedFile> {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  let fileName = fallback;
  try {
    if (encoded) fileName = decodeURIComponent(encoded);
  } catch {
    // A malformed name: the fallback serves.
  }
  return { fileName, blob: await response.blob() };
}

/** Asks for a file: any type, though a refusal still comes as problem+json. */
export const FILE_ACCEPT = { accept: '*/*' };
export const enc = encodeURIComponent;

export function createRequest(token: string, options: ClientOptions = {}): Request {
  const doFetch: Fetch = options.fetch ?? ((...args) => fetch(...args));
  const base = options.baseUrl ?? '';

  return async function request(method, path, body, headers = {}) {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined
            ? {}
            : { 'content-type': body instanceof Blob ? XLSX_TYPE : 'application/json' }),
          ...headers,
        },
        // A file (an import) goes as it is; anything else as JSON.
        ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  };
}

export function createApi(token: string, options: ClientOptions = {}): Api {
  const request = createRequest(token, options);
  const versioned = async (response: Response): Promise<Versioned> => ({
    registration: await json<RegistrationView>(response),
    version: versionOf(response.headers.get('etag')),
  });

  return {
    async me() {
      return json<Me>(await request('GET', '/v1/me'));
    },
    async competition(competitionId) {
      return json<Edition>(await request('GET', `/v1/competitions/${enc(competitionId)}`));
    },
    async overrides(competitionId) {
      const path = `/v1/competitions/${enc(competitionId)}/overrides`;
      return (await json<{ items: OverrideView[] }>(await request('GET', path))).items;
    },
    async registrations(competitionId, filter = {}) {
      const all: RegistrationView[] = [];
      const unit = filter.unitId ? `&unitId=${enc(filter.unitId)}` : '';
      let cursor: string | undefined;
      do {
        const query = `?limit=100${unit}${cursor ? `&cursor=${enc(cursor)}` : ''}`;
        const path = `/v1/competitions/${enc(competitionId)}/registrations${query}`;
        const page = await json<{ items: RegistrationView[]; cursor?: string }>(await request('GET', path));
        all.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      return all;
    },
    async registration(registrationId) {
      return versioned(await request('GET', `/v1/registrations/${enc(registrationId)}`));
    },
    async olderHistory(registrationId, cursor) {
      const path = `/v1/registrations/${enc(registrationId)}/history?cursor=${enc(cursor)}`;
      return json<{ items: HistoryView[]; cursor?: string }>(await request('GET', path));
    },
    async validate(competitionId, body) {
      const path = `/v1/competitions/${enc(competitionId)}/registrations/validate`;
      return json<DraftVerdict>(await request('POST', path, body));
    },
    async submit(competitionId, body, idempotencyKey) {
      const path = `/v1/competitions/${enc(competitionId)}/registrations`;
      return versioned(await request('POST', path, body, { 'idempotency-key': idempotencyKey }));
    },
    async amend(registrationId, body, version) {
      const path = `/v1/registrations/${enc(registrationId)}`;
      return versioned(await request('PUT', path, body, { 'if-match': `"${version}"` }));
    },
    async withdraw(registrationId, version) {
      await request('DELETE', `/v1/registrations/${enc(registrationId)}`, undefined, {
        'if-match': `"${version}"`,
      });
    },
    async grantPhotoUpload(registrationId, index, contentType) {
      const path = `/v1/registrations/${enc(registrationId)}/contestants/${index}/photo`;
      return json<UploadGrant>(await request('POST', path, { contentType }));
    },
    async entryForm(registrationId) {
      const path = `/v1/registrations/${enc(registrationId)}/form.docx`;
      return fileOf(await request('GET', path, undefined, FILE_ACCEPT), '报名表.docx');
    },
    async importTemplate(competitionId) {
      const path = `/v1/competitions/${enc(competitionId)}/import-template.xlsx`;
      return fileOf(await request('GET', path, undefined, FILE_ACCEPT), '批量报名模板.xlsx');
    },
    async checkImport(competitionId, file) {
      return json<ImportView>(await request('POST', `/v1/competitions/${enc(competitionId)}/imports`, file));
    },
    async importProblems(importId) {
      const path = `/v1/imports/${enc(importId)}/errors.xlsx`;
      return fileOf(await request('GET', path, undefined, FILE_ACCEPT), '问题清单.xlsx');
    },
    async commitImport(importId) {
      return json<ImportView>(await request('POST', `/v1/imports/${enc(importId)}/commit`));
    },
  };
}

/**
 * The same client, watched for a key that stopped working after sign-in (revoked, expired): any 401 calls
 * `onUnauthenticated` once, so the app signs out and says why, whatever page asked.
 */
export function signingOutOn401<T extends object>(api: T, onUnauthenticated: () => void): T {
  return Object.fromEntries(
    Object.entries(api).map(([name, value]) => [
      name,
      typeof value !== 'function'
        ? value
        : async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              if (error instanceof ApiError && error.status === 401) onUnauthenticated();
              throw error;
            }
          },
    ]),
  ) as T;
}

/** `"3"` or `W/"3"` → 3; 0 when absent (the server then answers without a version check). */
export function versionOf(etag: string | null): number {
  const match = /(\d+)/.exec(etag ?? '');
  return match ? Number(match[1]) : 0;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: { code?: unknown; detail?: unknown; errors?: unknown } = {};
  try {
    problem = (await response.json()) as typeof problem;
  } catch {
    // Not problem+json (a proxy's page): the status alone speaks.
  }
  const code = typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`;
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
  return new ApiError(response.status, code, problemZh(code, response.status), errors);
}

/** What a unit reads for each error code of the API (README's list). */
export function problemZh(code: string, status: number): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return '访问密钥不正确或已失效，请核对后重新登录';
    case 'FORBIDDEN':
      return '没有权限进行此操作';
    case 'REGISTRATION_CLOSED':
      return '本赛项报名已截止（或尚未开始），不能再提交或修改';
    case 'NOT_FOUND':
      return '找不到这条记录';
    case 'QUOTA_FULL':
      return '本单位在该赛项和组别的名额已满';
    case 'DUPLICATE_CONTESTANT':
      return '有选手已在本赛项报名（同一身份证号码在一个赛项只能报名一次）';
    case 'VERSION_CONFLICT':
      return '这条报名已在别处被修改，已重新载入最新内容，请核对后再提交';
    case 'INVALID_STATE':
      return '这条报名当前的状态不允许此操作';
    case 'VALIDATION_FAILED':
      return '有信息填写不正确，请按提示修改';
    case 'IDEMPOTENCY_KEY_REUSED':
      return '此草稿已提交过且内容不同，请先到首页查看是否已报名成功';
    case 'MALFORMED_REQUEST':
      return '请求格式不正确，请刷新页面后重试';
    case 'RATE_LIMITED':
      return '操作过于频繁，请稍等片刻再试';
    case 'KEY_LIMIT_REACHED':
      return '该单位已有两把有效的访问密钥，请先撤销其中一把再换发';
    case 'PAYLOAD_TOO_LARGE':
      return '文件太大（超过2MB），请删去多余的内容或分成几个文件';
    case 'SERVICE_UNAVAILABLE':
      return '系统暂时繁忙，请稍后重试（重复提交不会产生重复报名）';
    default:
      return status >= 500 ? '系统出现错误，请稍后重试' : `请求未成功（${status}）`;
  }
}
