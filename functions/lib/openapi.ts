/**
 * The API's OpenAPI 3.1 document, generated from the zod schemas the use cases parse bodies with and the views
 * are typed by: nothing in it is written by hand but the words (summaries, examples). One operation per route of
 * infra/system.ts, keyed by its API Gateway routeKey; a test holds the two equal, both ways, and lints the
 * document. Built once per process.
 */
import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { FeedItem, FeedPage } from '#shared/domain/change-feed.ts';
import { EditionSchema } from '#shared/domain/edition.ts';
import { DOCX_TYPE, ZIP_TYPE } from '#shared/domain/entry-form.ts';
import { AppError, type ErrorCode, errorStatus } from '#shared/domain/errors.ts';
import { fromZodIssues } from '#shared/domain/field-errors.ts';
import { invalidRegistration } from '#shared/domain/field-errors-zh.ts';
import { IMPORT_ROW_LIMIT } from '#shared/domain/import-columns.ts';
import { ImportView } from '#shared/domain/import-view.ts';
import {
  AccountBody,
  Contestant,
  PortalBody,
  RegistrationBody,
  UnitBody,
} from '#shared/domain/registration-validation.ts';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import {
  AccountList,
  CreatedAccount,
  CreatedPortal,
  CreatedUnit,
  DeadLetters,
  DownloadLink,
  DraftVerdict,
  ExclusionFacts,
  ExclusionsReplaced,
  Health,
  HistoryPage,
  IssuedKey,
  KeyList,
  MailList,
  MeView,
  OverridePage,
  OverrideView,
  PhotoArchive,
  PhotoUploadGrant,
  PortalList,
  PortalView,
  RegistrationPage,
  RegistrationView,
  SummaryList,
  SummaryView,
  UnitPage,
  UnitView,
  WholeNumbers,
} from '#shared/domain/views.ts';
import {
  CreatedWebhook,
  DeliveryAttemptPage,
  DeliveryAttemptView,
  TEST_EVENT_TYPE,
  WebhookList,
  WebhookView,
} from '#shared/domain/webhooks.ts';
import { ExpiryBody, RotationBody } from '#shared/use-cases/access.ts';
import { GrantBody } from '#shared/use-cases/deadline-overrides.ts';
import { ExclusionsBody, ReviewBody, SearchBody } from '#shared/use-cases/eligibility-api.ts';
import { MAX_FORMS_PER_ARCHIVE } from '#shared/use-cases/entry-forms.ts';
import { UploadRequest } from '#shared/use-cases/photos.ts';
import { BAYU_UNIT_HEADER } from '#shared/use-cases/portal-caller.ts';
import { WebhookBody, WebhookChange } from '#shared/use-cases/webhooks.ts';
import { portalRoutes } from './portal-routes.ts';
import { Problem, problemResponse } from './problem.ts';

/** Who may call: anyone, or a caller with a key (the use case then decides what its role may do). */
type Caller = 'anyone' | 'key';

interface Operation {
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  caller: Caller;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: {
    schema: z.ZodType;
    /** JSON (the default), or the media type of a file sent as it is. */
    mediaType?: string;
    required?: false;
    examples?: Record<string, { summary: string; value: unknown }>;
  };
  ok: {
    status: number;
    description: string;
    /** JSON (the default), or the media type of a page or a file. */
    schema?: z.ZodType;
    mediaType?: string;
    headers?: z.ZodObject;
  };
  /** The errors particular to the route; every route with a caller's key also answers 401, 429 and 503. */
  errors: ErrorCode[];
}

const tags = {
  general: 'Health, the competition and this document',
  registrations: 'Entries: submit, read, amend, withdraw, their history',
  eligibility: "Drafts, the secretariat's reviews and the exclusion list",
  photos: "Contestants' photos",
  forms: 'The 附件4 forms, filled in, to print and stamp',
  units: 'Units and their keys',
  portals: 'Portal clients (provincial portals, school systems) and their keys',
  accounts: "The secretariat's accounts and every key",
  deadlines: 'Late entries (overrides)',
  summaries: "The secretariat's workbooks",
  imports: 'Bulk import from a spreadsheet (批量导入): the template, the check, the commit',
  feed: 'The change feed: what changed, for portals and clients that sync',
  webhooks: 'Signed webhooks (Standard Webhooks 1.0): the change feed pushed to an endpoint',
  operations: 'Mails sent and what waits in the dead-letter queues',
  web: 'The web app and the documentation page (HTML, not JSON)',
} as const;
type Tag = keyof typeof tags;

const page = z.object({
  limit: z
    .string()
    .optional()
    .meta({ description: 'page size, 1-100 (default 20)', examples: ['20'] }),
  cursor: z.string().optional().meta({ description: 'the `cursor` of the previous page (signed)' }),
});
const trackFilter = z.object({
  trackId: z
    .string()
    .optional()
    .meta({ examples: ['machine-vision'] }),
});

/** A file answered as it is, saved under the name its Content-Disposition gives. */
const binary = (mediaType: string) => ({
  schema: z.string().meta({ format: 'binary' }),
  mediaType,
  headers: z.object({
    'content-disposition': z.string().meta({
      description: 'attachment, with the file name in UTF-8 (filename*)',
      examples: ['attachment; filename="form.docx"; filename*=UTF-8\'\'%E5%8D%95%E4%BD%8D.docx'],
    }),
  }),
});

/** The header a portal names the unit it acts for in: one schema, on every operation a portal may call for a unit. */
const bayuUnit = z.object({
  [BAYU_UNIT_HEADER.toLowerCase()]: z
    .string()
    .optional()
    .meta({
      description:
        'portal keys only, and required with them: the unit the portal acts for (as Stripe’s Stripe-Account). ' +
        'A unit outside the portal’s units and districts answers 403; a unit’s or the secretariat’s key must not ' +
        'send it (400).',
      examples: ['unit_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'],
    }),
});

/** What a portal's key may do on a route, in words for its description. */
function portalNote(routeKey: string): string | undefined {
  const rule = portalRoutes[routeKey];
  if (!rule) return undefined;
  const scope = rule.scope ? ` with the scope \`${rule.scope}\`` : '';
  return rule.actsFor === 'unit'
    ? `Portals: for the unit named in \`${BAYU_UNIT_HEADER}\`${scope}.`
    : `Portals: as themselves${scope}, without \`${BAYU_UNIT_HEADER}\`.`;
}

const location = z.object({ location: z.string().meta({ description: 'where the new record is read' }) });
const etag = z.object({ etag: z.string().meta({ description: 'the registration version, e.g. "1"' }) });
const ifMatch = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({
      description:
        'the ETag read: the change is refused (VERSION_CONFLICT) if a person changed the entry since; results the ' +
        'background checks stored meanwhile (eligibility, photos) are no conflict',
      examples: ['"1"'],
    }),
});

const pathParameters: Record<string, { description: string; example: string }> = {
  competitionId: { description: 'the edition', example: 'bayu-2023' },
  registrationId: { description: 'an entry', example: 'reg_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
  unitId: { description: 'a unit', example: 'unit_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
  accountId: { description: "a secretariat member's account", example: 'acct_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
  portalId: { description: 'a portal client', example: 'portal_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
  keyId: { description: 'a key record (never the secret)', example: 'key_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
  trackId: { description: 'a track of the edition', example: 'machine-vision' },
  index: { description: "a contestant's position on the entry, from 0", example: '0' },
  summaryId: { description: 'a summary', example: 'sum_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
  scope: { description: 'a track id, or `all` for the whole competition', example: 'all' },
  file: { description: 'a content-hashed file of the web app', example: 'main-3F2A1B4C.js' },
  importId: {
    description: 'an import (kept a day after its check)',
    example: 'imp_01HB8Z6Q3J5Y7M2N4P6R8T0V2X',
  },
  webhookId: { description: 'a webhook endpoint', example: 'wh_01HB8Z6Q3J5Y7M2N4P6R8T0V2X' },
};

/** A machine-vision entry of one employee, in 附件4's terms (README's tour submits the same). */
const registrationExample = {
  trackId: 'machine-vision',
  groupId: 'open',
  leader: { name: '王强', phone: '13700001234' },
  contestants: [
    {
      name: '张伟',
      gender: 'male',
      idNumber: '500103199001010010',
      education: 'associate',
      major: '工业机器人技术',
      phone: '13812341234',
      address: '重庆市九龙坡区杨家坪正街1号',
      postcode: '400050',
      identity: 'employee',
      qualificationLevel: 3,
      yearsInTrade: 6,
    },
  ],
};
const registrationExamples = {
  machineVision: { summary: '人工智能与机器视觉技术赛项，职工个人参赛', value: registrationExample },
};

export const exampleBodies = {
  registration: registrationExample,
  portal: {
    name: '九龙坡区人力社保局报名平台',
    contact: { name: '赵磊', email: 'portal@example.cn', phone: '023-68780000' },
    unitIds: ['unit_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'],
    districts: ['九龙坡区'],
    scopes: ['registrations:read', 'registrations:write', 'events:read'],
  },
  unit: {
    name: '重庆机械技师学院',
    kind: 'school',
    district: '九龙坡区',
    contact: { name: '李明', phone: '13900001111', email: 'office@example.cn' },
  },
};

/**
 * The field errors of the example entry with a mistyped ID number (its check digit) and phone, as the validator
 * and its Chinese report them.
 */
function mistypedEntryError(): AppError {
  const [contestant] = registrationExample.contestants;
  const entry = {
    ...registrationExample,
    contestants: [{ ...contestant, idNumber: '500103199001010011', phone: '1381234123' }],
  };
  const parsed = RegistrationBody.safeParse(entry, { reportInput: true });
  return invalidRegistration(parsed.success ? [] : fromZodIssues(parsed.error.issues), entry);
}

/** What each code's example says; the bodies themselves come from problemResponse, as the API answers. */
const problemExamples: Record<ErrorCode, { summary: string; detail?: string; error?: AppError }> = {
  MALFORMED_REQUEST: { summary: '请求不是 JSON', detail: 'the body is not valid JSON' },
  UNAUTHENTICATED: {
    summary: '缺少或无效的密钥',
    detail: 'send a valid key as "Authorization: Bearer <key>"',
  },
  FORBIDDEN: { summary: '无此权限', detail: 'only the secretariat may do this' },
  REGISTRATION_CLOSED: { summary: '赛项报名已截止', detail: 'registration for machine-vision closed' },
  NOT_FOUND: { summary: '记录不存在（或不属于本单位）', detail: 'no such registration' },
  QUOTA_FULL: {
    summary: '本单位该赛项组别名额已满',
    detail: 'the unit holds its 2 places in machine-vision/open',
  },
  DUPLICATE_CONTESTANT: { summary: '该选手已报名本赛项', detail: 'contestant 0 is already registered' },
  VERSION_CONFLICT: {
    summary: '报名已被他人修改',
    detail: 'the registration changed; read it and try again',
  },
  INVALID_STATE: { summary: '报名已撤回，不能再修改', detail: 'the registration is withdrawn' },
  KEY_LIMIT_REACHED: { summary: '单位已有两把有效密钥', detail: 'the unit already holds 2 active keys' },
  PAYLOAD_TOO_LARGE: { summary: '文件超过 2MB', detail: 'the file is larger than 2097152 bytes (2 MB)' },
  VALIDATION_FAILED: { summary: '字段错误（附中文说明 messageZh）', error: mistypedEntryError() },
  IDEMPOTENCY_KEY_REUSED: {
    summary: '同一 Idempotency-Key 用于不同的请求体',
    detail: 'this Idempotency-Key was used with another body',
  },
  RATE_LIMITED: { summary: '请求过于频繁', detail: 'too many requests; retry after the Retry-After seconds' },
  SERVICE_UNAVAILABLE: {
    summary: '服务暂不可用，请稍后用同一 Idempotency-Key 重试',
    detail:
      'the service is briefly unavailable; retry the same request (with the same Idempotency-Key) later',
  },
};

const problemBody = (code: ErrorCode) => {
  const { detail, error } = problemExamples[code];
  return JSON.parse(problemResponse(error ?? new AppError(code, detail ?? ''), 'example').body ?? '{}');
};

const retryAfter = z.object({
  'retry-after': z.string().meta({ description: 'seconds to wait before retrying' }),
});

/** One response per status, each listing its codes as examples of the problem body. */
function errorResponses(codes: ErrorCode[]): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes))
    byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\`: ${problemExamples[code].summary}`).join('; '),
        ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
        content: {
          'application/problem+json': {
            schema: Problem,
            examples: Object.fromEntries(
              list.map((code) => [
                code,
                { summary: problemExamples[code].summary, value: problemBody(code) },
              ]),
            ),
          },
        },
      },
    ]),
  );
}

const CALLER_ERRORS: ErrorCode[] = ['UNAUTHENTICATED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE'];

const html = (description: string) => ({
  status: 200,
  description,
  schema: z.string(),
  mediaType: 'text/html',
});

const xlsx = (description: string) => ({
  status: 200,
  description,
  schema: z.string().meta({ format: 'binary' }),
  mediaType: XLSX_TYPE,
});

/** Every route of infra/system.ts, by API Gateway routeKey. */
const operations: Record<string, Operation> = {
  'GET /v1/health': {
    operationId: 'health',
    tag: 'general',
    summary: 'Liveness (服务状态)',
    caller: 'anyone',
    ok: { status: 200, description: 'the API answers', schema: Health },
    errors: [],
  },
  'GET /v1/openapi.json': {
    operationId: 'openApiDocument',
    tag: 'general',
    summary: 'This document (OpenAPI 3.1, generated from the zod schemas)',
    caller: 'anyone',
    ok: { status: 200, description: 'the OpenAPI document', schema: z.looseObject({ openapi: z.string() }) },
    errors: [],
  },
  'GET /v1/competitions/{competitionId}': {
    operationId: 'getCompetition',
    tag: 'general',
    summary: 'The edition: tracks, groups, quotas, deadlines (赛项、组别、名额、截止时间)',
    description: 'Every instant in the edition’s own zone (+08:00).',
    caller: 'anyone',
    ok: { status: 200, description: 'the edition', schema: EditionSchema.meta({ id: 'Competition' }) },
    errors: ['NOT_FOUND', 'SERVICE_UNAVAILABLE'],
  },
  'POST /v1/units': {
    operationId: 'createUnit',
    tag: 'units',
    summary: 'Create a unit (新建参赛单位); its key is shown once',
    description: 'Secretariat.',
    caller: 'key',
    body: {
      schema: UnitBody,
      examples: { school: { summary: '一所技师学院', value: exampleBodies.unit } },
    },
    ok: { status: 201, description: 'the unit and its first key', schema: CreatedUnit, headers: location },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  'GET /v1/units': {
    operationId: 'listUnits',
    tag: 'units',
    summary: 'List the units (参赛单位列表)',
    description: 'Secretariat; a unit sees itself.',
    caller: 'key',
    query: page,
    ok: { status: 200, description: 'a page of units', schema: UnitPage },
    errors: ['FORBIDDEN', 'MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'GET /v1/units/{unitId}': {
    operationId: 'getUnit',
    tag: 'units',
    summary: 'One unit',
    description: 'Secretariat; a unit for itself.',
    caller: 'key',
    ok: { status: 200, description: 'the unit (its contact’s phone masked)', schema: UnitView },
    errors: ['NOT_FOUND'],
  },
  'POST /v1/units/{unitId}/keys': {
    operationId: 'rotateUnitKey',
    tag: 'units',
    summary: "Rotate a unit's key (更换单位密钥); the older one works for the grace",
    description: 'Secretariat. A unit holds at most two active keys.',
    caller: 'key',
    body: { schema: RotationBody, required: false },
    ok: { status: 201, description: 'the new key, shown once', schema: IssuedKey },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'KEY_LIMIT_REACHED', 'VERSION_CONFLICT'],
  },
  'POST /v1/portals': {
    operationId: 'createPortal',
    tag: 'portals',
    summary: 'Create a portal client (新建门户客户端); its key is shown once',
    description: 'Admin. The portal acts for the units and districts named, with the scopes given.',
    caller: 'key',
    body: {
      schema: PortalBody,
      examples: { district: { summary: '区人社局报名平台', value: exampleBodies.portal } },
    },
    ok: {
      status: 201,
      description: 'the portal and its first key',
      schema: CreatedPortal,
      headers: location,
    },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  'GET /v1/portals': {
    operationId: 'listPortals',
    tag: 'portals',
    summary: 'List the portal clients (门户列表)',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'every portal client', schema: PortalList },
    errors: ['FORBIDDEN'],
  },
  'GET /v1/portals/{portalId}': {
    operationId: 'getPortal',
    tag: 'portals',
    summary: 'One portal client',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the portal (its contact’s phone masked)', schema: PortalView },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'POST /v1/portals/{portalId}/keys': {
    operationId: 'rotatePortalKey',
    tag: 'portals',
    summary: "Rotate a portal's key (更换门户密钥); the older one works for the grace",
    description: 'Admin. A portal holds at most two active keys; revoke one with `DELETE /v1/keys/{keyId}`.',
    caller: 'key',
    body: { schema: RotationBody, required: false },
    ok: { status: 201, description: 'the new key, shown once', schema: IssuedKey },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'KEY_LIMIT_REACHED', 'VERSION_CONFLICT'],
  },
  'GET /v1/me': {
    operationId: 'whoAmI',
    tag: 'accounts',
    summary: 'Who the caller is, and which key it signed in with',
    caller: 'key',
    ok: { status: 200, description: 'the caller', schema: MeView },
    errors: [],
  },
  'POST /v1/accounts': {
    operationId: 'createAccount',
    tag: 'accounts',
    summary: 'Create a member of the secretariat (新建执委会成员账号); the key is shown once',
    description: 'Admin.',
    caller: 'key',
    body: {
      schema: AccountBody,
      examples: {
        member: {
          summary: '执委会成员',
          value: { name: '王芳', email: 'wangfang@example.cn', role: 'secretariat' },
        },
      },
    },
    ok: {
      status: 201,
      description: 'the account and its first key',
      schema: CreatedAccount,
      headers: location,
    },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  'GET /v1/accounts': {
    operationId: 'listAccounts',
    tag: 'accounts',
    summary: "The secretariat's members",
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'every account', schema: AccountList },
    errors: ['FORBIDDEN'],
  },
  'POST /v1/accounts/{accountId}/keys': {
    operationId: 'issueAccountKey',
    tag: 'accounts',
    summary: "Another key for a member's account",
    description: 'Admin.',
    caller: 'key',
    body: { schema: ExpiryBody, required: false },
    ok: { status: 201, description: 'the key, shown once', schema: IssuedKey },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'GET /v1/keys': {
    operationId: 'listKeys',
    tag: 'accounts',
    summary: "An owner's keys, as hints (never a secret)",
    description: 'Secretariat.',
    caller: 'key',
    query: z.object({ owner: z.string().meta({ description: 'an account id or a unit id' }) }),
    ok: { status: 200, description: 'the keys', schema: KeyList },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'DELETE /v1/keys/{keyId}': {
    operationId: 'revokeKey',
    tag: 'accounts',
    summary: 'Revoke a key (吊销密钥): it answers UNAUTHENTICATED from the next request on',
    description: "Admin any key; a member a unit's key.",
    caller: 'key',
    ok: { status: 204, description: 'revoked (again: nothing changes)' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /v1/events': {
    operationId: 'listEvents',
    tag: 'feed',
    summary: 'The change feed: what changed, oldest first (ids and states only)',
    description:
      'A unit reads its own events, a portal those of its units and districts, the secretariat every event. Items are thin (ids, type, time, states; never ' +
      'names, ID numbers or phones): fetch what changed. `next` is present even on an empty page; an event ' +
      'shows only once no earlier one can still appear behind the cursor. Kept 90 days.',
    caller: 'key',
    query: z.object({
      after: z
        .string()
        .optional()
        .meta({ description: 'the `next` of the previous read (signed); none: from the start' }),
      limit: page.shape.limit,
    }),
    ok: { status: 200, description: 'a page of events', schema: FeedPage },
    errors: ['MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'POST /v1/webhooks': {
    operationId: 'createWebhook',
    tag: 'webhooks',
    summary: 'Register a webhook endpoint (注册回调地址); its signing secret is shown once',
    description:
      'Secretariat. The endpoint receives the feed events of the types it names, signed as the `feedEvent` ' +
      'webhook below describes. https only, to a public host (every resolved address is checked before each ' +
      'attempt).',
    caller: 'key',
    body: {
      schema: WebhookBody,
      examples: {
        portal: {
          summary: '门户接收提交与资格审核结果',
          value: {
            url: 'https://portal.example.cn/bayu/webhooks',
            eventTypes: ['RegistrationSubmitted', 'EligibilityEvaluated'],
            description: '区人社门户',
          },
        },
      },
    },
    ok: {
      status: 201,
      description: 'the endpoint and its secret',
      schema: CreatedWebhook,
      headers: location,
    },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  'GET /v1/webhooks': {
    operationId: 'listWebhooks',
    tag: 'webhooks',
    summary: "The caller's webhook endpoints (never a secret)",
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the endpoints', schema: WebhookList },
    errors: ['FORBIDDEN'],
  },
  'GET /v1/webhooks/{webhookId}': {
    operationId: 'getWebhook',
    tag: 'webhooks',
    summary: 'One endpoint: whether it is enabled, and why not (a 410 disables it)',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the endpoint', schema: WebhookView },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'PATCH /v1/webhooks/{webhookId}': {
    operationId: 'changeWebhook',
    tag: 'webhooks',
    summary: "Change an endpoint's event types or description; disable or re-enable it",
    description: 'Secretariat. Messages owed while it was disabled are not sent.',
    caller: 'key',
    body: {
      schema: WebhookChange,
      examples: { enable: { summary: '重新启用', value: { enabled: true } } },
    },
    ok: { status: 200, description: 'the endpoint', schema: WebhookView },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'DELETE /v1/webhooks/{webhookId}': {
    operationId: 'deleteWebhook',
    tag: 'webhooks',
    summary: 'Delete an endpoint: nothing more is sent to it',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 204, description: 'deleted' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /v1/webhooks/{webhookId}/deliveries': {
    operationId: 'listWebhookDeliveries',
    tag: 'webhooks',
    summary: 'Every delivery attempt (投递记录), newest first',
    description: 'Secretariat. Kept 30 days.',
    caller: 'key',
    query: page,
    ok: { status: 200, description: 'a page of attempts', schema: DeliveryAttemptPage },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'POST /v1/webhooks/{webhookId}/test': {
    operationId: 'testWebhook',
    tag: 'webhooks',
    summary: `Send a test message (\`${TEST_EVENT_TYPE}\`), signed and logged as every delivery`,
    description: 'Secretariat. Answers with the first attempt; a failure is retried as any message.',
    caller: 'key',
    ok: { status: 200, description: 'the first attempt', schema: DeliveryAttemptView },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
  },
  'GET /v1/dead-letters': {
    operationId: 'deadLetters',
    tag: 'operations',
    summary: 'What failed every retry and waits in the dead-letter queues (counts only)',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the count per queue', schema: DeadLetters },
    errors: ['FORBIDDEN'],
  },
  'POST /v1/competitions/{competitionId}/registrations': {
    operationId: 'submitRegistration',
    tag: 'registrations',
    summary: 'Submit an entry (提交报名)',
    description:
      'A unit. Every field error is listed at once (`VALIDATION_FAILED`, each with `messageZh` in 附件4’s words). ' +
      'A repeat with the same `Idempotency-Key` and body replays the first answer.',
    caller: 'key',
    headers: z.object({
      'idempotency-key': z
        .string()
        .optional()
        .meta({ description: '1 to 255 visible ASCII characters', examples: ['first-entry'] }),
    }),
    body: { schema: RegistrationBody, examples: registrationExamples },
    ok: {
      status: 201,
      description: 'the entry (ID numbers and phones masked)',
      schema: RegistrationView,
      headers: location.extend(etag.shape),
    },
    errors: [
      'FORBIDDEN',
      'NOT_FOUND',
      'REGISTRATION_CLOSED',
      'QUOTA_FULL',
      'DUPLICATE_CONTESTANT',
      'VALIDATION_FAILED',
      'IDEMPOTENCY_KEY_REUSED',
    ],
  },
  'GET /v1/competitions/{competitionId}/registrations': {
    operationId: 'listRegistrations',
    tag: 'registrations',
    summary: 'List entries (报名列表): a unit its own, the secretariat all',
    caller: 'key',
    query: page.extend(trackFilter.shape).extend({
      unitId: z.string().optional().meta({ description: 'the secretariat: one unit’s entries' }),
    }),
    ok: { status: 200, description: 'a page of entries', schema: RegistrationPage },
    errors: ['NOT_FOUND', 'MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'GET /v1/registrations/{registrationId}': {
    operationId: 'getRegistration',
    tag: 'registrations',
    summary: 'One entry, with its latest 20 history entries',
    caller: 'key',
    ok: { status: 200, description: 'the entry', schema: RegistrationView, headers: etag },
    errors: ['NOT_FOUND'],
  },
  'GET /v1/registrations/{registrationId}/history': {
    operationId: 'registrationHistory',
    tag: 'registrations',
    summary: "An entry's older history (报名记录)",
    caller: 'key',
    query: page,
    ok: { status: 200, description: 'a page of history entries, newest first', schema: HistoryPage },
    errors: ['NOT_FOUND', 'MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'PUT /v1/registrations/{registrationId}': {
    operationId: 'amendRegistration',
    tag: 'registrations',
    summary: "Replace the entry's people (修改报名) before the track closes",
    description: 'The owner. ID numbers and phones may be sent back masked exactly as read.',
    caller: 'key',
    headers: ifMatch,
    body: { schema: RegistrationBody, examples: registrationExamples },
    ok: { status: 200, description: 'the amended entry', schema: RegistrationView, headers: etag },
    errors: [
      'NOT_FOUND',
      'REGISTRATION_CLOSED',
      'QUOTA_FULL',
      'DUPLICATE_CONTESTANT',
      'VERSION_CONFLICT',
      'INVALID_STATE',
      'VALIDATION_FAILED',
    ],
  },
  'DELETE /v1/registrations/{registrationId}': {
    operationId: 'withdrawRegistration',
    tag: 'registrations',
    summary: 'Withdraw the entry (撤回报名); its place is freed',
    caller: 'key',
    headers: ifMatch,
    ok: { status: 204, description: 'withdrawn' },
    errors: ['NOT_FOUND', 'REGISTRATION_CLOSED', 'VERSION_CONFLICT', 'INVALID_STATE', 'MALFORMED_REQUEST'],
  },
  'POST /v1/registrations/{registrationId}/contestants/{index}/numbers': {
    operationId: 'viewContestantNumbers',
    tag: 'registrations',
    summary: "A contestant's whole ID number and phone, recorded in the entry's history first",
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the whole numbers (never cached)', schema: WholeNumbers },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'POST /v1/competitions/{competitionId}/registrations/validate': {
    operationId: 'validateDraft',
    tag: 'eligibility',
    summary: 'Check a draft (预检): validation and every rule that needs no other entry; stores nothing',
    caller: 'key',
    body: { schema: RegistrationBody, examples: registrationExamples },
    ok: { status: 200, description: 'the verdict', schema: DraftVerdict },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'GET /v1/competitions/{competitionId}/reviews': {
    operationId: 'listReviews',
    tag: 'eligibility',
    summary: 'The review queue (待审核): entries in review',
    description: 'Secretariat.',
    caller: 'key',
    query: page.extend(trackFilter.shape),
    ok: { status: 200, description: 'a page of entries', schema: RegistrationPage },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'POST /v1/registrations/{registrationId}/review': {
    operationId: 'reviewRegistration',
    tag: 'eligibility',
    summary: 'Decide on an entry in review (审核)',
    description: 'Secretariat. An approval overrides only the findings under review.',
    caller: 'key',
    body: {
      schema: ReviewBody,
      examples: {
        approve: { summary: '通过', value: { decision: 'approve', reason: '单位证明该选手为干部岗位' } },
      },
    },
    ok: { status: 200, description: 'the entry', schema: RegistrationView, headers: etag },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'VERSION_CONFLICT', 'VALIDATION_FAILED'],
  },
  'POST /v1/competitions/{competitionId}/registrations/search': {
    operationId: 'searchByIdNumber',
    tag: 'eligibility',
    summary: 'Find the active entries naming a person, by the whole ID number (in the body, never the URL)',
    description: 'Secretariat.',
    caller: 'key',
    body: {
      schema: SearchBody,
      examples: { person: { summary: '按身份证号码查找', value: { idNumber: '50010319900307123X' } } },
    },
    ok: { status: 200, description: 'the entries', schema: RegistrationPage },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'GET /v1/competitions/{competitionId}/exclusions': {
    operationId: 'exclusionFacts',
    tag: 'eligibility',
    summary: "The exclusion list's size and last change (never the numbers)",
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the facts', schema: ExclusionFacts },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'PUT /v1/competitions/{competitionId}/exclusions': {
    operationId: 'replaceExclusions',
    tag: 'eligibility',
    summary: 'Replace the exclusion list (排除名单) as a whole; kept only as keyed hashes',
    description: 'Secretariat.',
    caller: 'key',
    body: {
      schema: ExclusionsBody,
      examples: { list: { summary: '排除名单', value: { idNumbers: ['500103199001010010'] } } },
    },
    ok: { status: 200, description: 'the new facts', schema: ExclusionsReplaced },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'POST /v1/registrations/{registrationId}/contestants/{index}/photo': {
    operationId: 'grantPhotoUpload',
    tag: 'photos',
    summary: "An upload form for a contestant's photo (2寸红底免冠照片), posted straight to the bucket",
    caller: 'key',
    body: { schema: UploadRequest, required: false },
    ok: { status: 201, description: 'the form: send every field, then the file', schema: PhotoUploadGrant },
    errors: ['NOT_FOUND', 'REGISTRATION_CLOSED', 'INVALID_STATE', 'VALIDATION_FAILED'],
  },
  'GET /v1/registrations/{registrationId}/contestants/{index}/photo': {
    operationId: 'photoDownloadLink',
    tag: 'photos',
    summary: "A short-lived link to a contestant's accepted photo",
    caller: 'key',
    ok: { status: 200, description: 'the link', schema: DownloadLink },
    errors: ['NOT_FOUND'],
  },
  'GET /v1/competitions/{competitionId}/tracks/{trackId}/photos.zip': {
    operationId: 'exportTrackPhotos',
    tag: 'photos',
    summary: 'Every accepted photo of a track in one ZIP (单位+姓名.jpg): a link to it',
    description: 'Secretariat. `curl -L` follows the redirect; API clients read the same from the body.',
    caller: 'key',
    ok: { status: 303, description: 'see the archive', schema: PhotoArchive, headers: location },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /v1/registrations/{registrationId}/form.docx': {
    operationId: 'entryForm',
    tag: 'forms',
    summary: "The entry's 附件4 选手报名表 filled in (Word), one page per contestant, to print and stamp",
    description:
      'The owning unit (whole ID numbers and phones: its own form) and the secretariat, whose download is ' +
      "recorded in the entry's history first. A photo not yet accepted leaves its box with a note.",
    caller: 'key',
    ok: { status: 200, description: 'the document (never cached)', ...binary(DOCX_TYPE) },
    errors: ['NOT_FOUND'],
  },
  'GET /v1/competitions/{competitionId}/units/{unitId}/forms.zip': {
    operationId: 'unitEntryForms',
    tag: 'forms',
    summary: "A unit's forms (附件4) in one ZIP: a document per active entry, 单位-赛项-组别-选手姓名.docx",
    description: `Secretariat; recorded in each entry's history first. At most ${MAX_FORMS_PER_ARCHIVE} entries (INVALID_STATE above: download each form).`,
    caller: 'key',
    ok: { status: 200, description: 'the archive (never cached)', ...binary(ZIP_TYPE) },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
  },
  'POST /v1/competitions/{competitionId}/summaries': {
    operationId: 'requestSummary',
    tag: 'summaries',
    summary: 'Ask for the workbooks now (汇总表)',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 202, description: 'requested', schema: SummaryView, headers: location },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /v1/competitions/{competitionId}/summaries': {
    operationId: 'listSummaries',
    tag: 'summaries',
    summary: 'The latest 100 summaries, newest first',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the summaries', schema: SummaryList },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /v1/summaries/{summaryId}': {
    operationId: 'getSummary',
    tag: 'summaries',
    summary: 'A summary; when ready, 5-minute download links',
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the summary', schema: SummaryView },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /v1/summaries/{summaryId}/files/{scope}': {
    operationId: 'downloadSummaryFile',
    tag: 'summaries',
    summary: "One workbook: a redirect to a 5-minute link (where the digest's links lead)",
    description: 'Secretariat.',
    caller: 'key',
    ok: { status: 302, description: 'the workbook', headers: location },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'POST /v1/competitions/{competitionId}/tracks/{trackId}/overrides': {
    operationId: 'grantOverride',
    tag: 'deadlines',
    summary: 'Give one unit more time in a track (补报), until at most 30 days ahead',
    description: 'Secretariat.',
    caller: 'key',
    body: {
      schema: GrantBody,
      examples: {
        late: {
          summary: '材料邮寄延误',
          value: {
            unitId: 'unit_01HB8Z6Q3J5Y7M2N4P6R8T0V2X',
            reason: '材料邮寄延误，执委会同意补报',
            until: '2023-09-25T00:00:00+08:00',
          },
        },
      },
    },
    ok: { status: 201, description: 'the override', schema: OverrideView },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'GET /v1/competitions/{competitionId}/overrides': {
    operationId: 'listOverrides',
    tag: 'deadlines',
    summary: 'Every override, newest first (a unit its own)',
    caller: 'key',
    query: page,
    ok: { status: 200, description: 'a page of overrides', schema: OverridePage },
    errors: ['NOT_FOUND', 'MALFORMED_REQUEST', 'VALIDATION_FAILED'],
  },
  'GET /v1/units/{unitId}/mails': {
    operationId: 'listUnitMails',
    tag: 'operations',
    summary: 'The mails sent to a unit ("did we tell them?")',
    description: 'Secretariat; a unit for itself.',
    caller: 'key',
    ok: { status: 200, description: 'the mail log', schema: MailList },
    errors: ['NOT_FOUND'],
  },
  'GET /v1/competitions/{competitionId}/import-template.xlsx': {
    operationId: 'importTemplate',
    tag: 'imports',
    summary: 'The import template (批量报名模板): one row per contestant, drop-down lists, instructions',
    description: `A unit or the secretariat. The 总表's columns in 附件4's words; a team is two rows with the same 队号; at most ${IMPORT_ROW_LIMIT} rows.`,
    caller: 'key',
    ok: xlsx('the template'),
    errors: ['NOT_FOUND'],
  },
  'POST /v1/competitions/{competitionId}/imports': {
    operationId: 'checkImport',
    tag: 'imports',
    summary: 'Check a filled-in template (导入预检): per row, ok or each problem; stores only the import',
    description:
      `A unit. The body is the xlsx file itself (at most 2 MB, ${IMPORT_ROW_LIMIT} rows). Each row is judged as a ` +
      'submission would be (validation, the eligibility pre-check), plus a person twice in the file, a person ' +
      'already entered and the places left. A file that cannot be used is refused (422) with one error whose ' +
      '`code` is LEGACY_EXCEL_FILE (an .xls or WPS .et file), NOT_A_WORKBOOK, NO_HEADER_ROW, MISSING_COLUMNS, ' +
      'NO_ROWS or TOO_MANY_ROWS and whose `messageZh` says what to do. The import is kept a day, for its commit.',
    caller: 'key',
    body: { schema: z.string().meta({ format: 'binary' }), mediaType: XLSX_TYPE },
    ok: { status: 201, description: 'the check', schema: ImportView, headers: location },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'],
  },
  'GET /v1/imports/{importId}': {
    operationId: 'getImport',
    tag: 'imports',
    summary: 'An import: its check, or after the commit each entry’s result',
    description: 'The unit that made it, or the secretariat.',
    caller: 'key',
    ok: { status: 200, description: 'the import', schema: ImportView },
    errors: ['NOT_FOUND'],
  },
  'GET /v1/imports/{importId}/errors.xlsx': {
    operationId: 'importProblems',
    tag: 'imports',
    summary: "An import's problems as a workbook (问题清单): row, column, problem, the value masked",
    description: 'The unit that made it, or the secretariat.',
    caller: 'key',
    ok: xlsx('the problems'),
    errors: ['NOT_FOUND'],
  },
  'POST /v1/imports/{importId}/commit': {
    operationId: 'commitImport',
    tag: 'imports',
    summary: 'Submit every entry the check found ready (提交导入), each through the normal submission',
    description:
      'The unit that made it. Each entry is submitted with its own idempotency key, derived from the import and ' +
      'the team: a repeated commit creates nothing twice and answers with the same results.',
    caller: 'key',
    ok: { status: 200, description: "each entry's result", schema: ImportView },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'GET /': {
    operationId: 'webApp',
    tag: 'web',
    summary: "The units' and the secretariat's web app (网页报名)",
    caller: 'anyone',
    ok: html('the page'),
    errors: ['SERVICE_UNAVAILABLE'],
  },
  'GET /assets/{file}': {
    operationId: 'webAsset',
    tag: 'web',
    summary: "One of the web app's files (cached a year)",
    caller: 'anyone',
    ok: { status: 200, description: 'the file', schema: z.string(), mediaType: '*/*' },
    errors: ['NOT_FOUND', 'SERVICE_UNAVAILABLE'],
  },
  'GET /docs': {
    operationId: 'docsPage',
    tag: 'web',
    summary: 'This document as a page (接口文档), self-contained',
    caller: 'anyone',
    ok: html('the page'),
    errors: ['SERVICE_UNAVAILABLE'],
  },
};

function pathParametersOf(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  if (names.length === 0) return undefined;
  return z.object(
    Object.fromEntries(
      names.map((name) => {
        const known = pathParameters[name];
        if (!known) throw new Error(`describe the path parameter {${name}} of ${path}`);
        return [name, z.string().meta({ description: known.description, examples: [known.example] })];
      }),
    ),
  );
}

function operationObject(routeKey: string, op: Operation): ZodOpenApiOperationObject {
  const path = routeKey.slice(routeKey.indexOf(' ') + 1);
  const params = pathParametersOf(path);
  const forPortals = portalRoutes[routeKey] !== undefined;
  const errors = [
    ...(op.caller === 'key' ? CALLER_ERRORS : []),
    ...op.errors,
    ...(op.body ? ['MALFORMED_REQUEST' as const] : []),
    // A portal outside its scopes or units is refused; a Bayu-Unit missing (or not expected) is malformed.
    ...(forPortals ? (['FORBIDDEN', 'MALFORMED_REQUEST'] as const) : []),
  ];
  const { ok } = op;
  const forUnit = portalRoutes[routeKey]?.actsFor === 'unit';
  const headers = forUnit ? (op.headers ? op.headers.extend(bayuUnit.shape) : bayuUnit) : op.headers;
  const description = [op.description, portalNote(routeKey)].filter(Boolean).join(' ');
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(description ? { description } : {}),
    security: op.caller === 'key' ? [{ bearerKey: [] }] : [],
    requestParams: {
      ...(params ? { path: params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(headers ? { header: headers } : {}),
    },
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required ?? true,
            content: {
              [op.body.mediaType ?? 'application/json']: {
                schema: op.body.schema,
                ...(op.body.examples ? { examples: op.body.examples } : {}),
              },
            },
          },
        }
      : {}),
    responses: {
      [String(ok.status)]: {
        description: ok.description,
        ...(ok.headers ? { headers: ok.headers } : {}),
        ...(ok.schema ? { content: { [ok.mediaType ?? 'application/json']: { schema: ok.schema } } } : {}),
      },
      ...errorResponses(errors),
    },
  };
}

const webhookHeaders = z.object({
  'webhook-id': z.string().meta({
    description: "the message's id: the same on every retry (the receiver's idempotency key)",
    examples: ['01HB8Z6Q3J5Y7M2N4P6R8T0V2X'],
  }),
  'webhook-timestamp': z
    .string()
    .meta({ description: 'unix seconds of this attempt', examples: ['1695000000'] }),
  'webhook-signature': z.string().meta({
    description:
      'space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed by the ' +
      'base64-decoded secret after `whsec_`',
  }),
});

/**
 * What an endpoint receives (OpenAPI 3.1 `webhooks`): the Standard Webhooks envelope around the change feed's
 * thin item, the same item GET /v1/events lists.
 */
const webhooks = {
  feedEvent: {
    post: {
      operationId: 'feedEventDelivery',
      tags: ['webhooks'],
      summary: 'A feed event, signed (Standard Webhooks 1.0)',
      description:
        'Sent to each enabled endpoint that asked for the event type and whose owner may see the event. Answer ' +
        '2xx within 15 s; `410 Gone` disables the endpoint; anything else (redirects included: none is followed) ' +
        'is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (±10 %, `Retry-After` honoured ' +
        'on 429 and 503), for at most 3 days. Verify the signature and the timestamp before trusting the body.',
      requestParams: { header: webhookHeaders },
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                type: z.string().meta({ description: `the event type (\`${TEST_EVENT_TYPE}\` for a test)` }),
                timestamp: z.string().meta({ description: 'when the change happened' }),
                data: FeedItem,
              })
              .meta({ id: 'WebhookMessage' }),
          },
        },
      },
      responses: {
        '200': { description: 'received (any 2xx)' },
        '410': { description: 'gone: the endpoint is disabled and nothing more is sent' },
      },
    },
  },
} satisfies ZodOpenApiObject['webhooks'];

function buildDocument() {
  const paths: NonNullable<ZodOpenApiObject['paths']> = {};
  for (const [routeKey, op] of Object.entries(operations)) {
    const [method, path] = routeKey.split(' ') as [string, string];
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationObject(routeKey, op) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '“巴渝工匠”杯参赛报名 API',
      version: '1',
      description:
        'The registration API of the "巴渝工匠"杯 competition, for units, their provincial portals and the ' +
        'secretariat. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. ' +
        'ID numbers and phones are always shown masked.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'this deployment (the same origin as the web app)' }],
    tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
    security: [{ bearerKey: [] }],
    paths,
    webhooks,
    components: {
      securitySchemes: {
        bearerKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A key: `bayu_unit_…` (a unit), `bayu_portal_…` (a portal client) or `bayu_sec_…` (a member of the ' +
            'secretariat), shown once when issued. A portal key carries scopes (`registrations:read`, ' +
            '`registrations:write`, `events:read`, `webhooks:manage`) and acts for one unit per request, named in ' +
            `the \`${BAYU_UNIT_HEADER}\` header; each operation says what a portal may do there.`,
        },
      },
      // The contestant is described through the registration body's override (its list is checked before its items).
      schemas: { Contestant },
    },
  });
}

let built: ReturnType<typeof buildDocument> | undefined;

/** The document, built on first use and kept for the process. */
export function openApiDocument() {
  built ??= buildDocument();
  return built;
}
