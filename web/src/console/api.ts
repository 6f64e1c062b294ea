/**
 * The secretariat's side of the API, as the console uses it: the units' client (competition, registrations,
 * one registration) plus what only a member of the secretariat may call. Accounts, keys and GET /v1/me follow
 * issue 13's contract.
 */

import type * as z from 'zod';
import type { DeadlineOverride } from '#shared/domain/deadline-override.ts';
import type { PortalInput, UnitInput } from '#shared/domain/registration-validation.ts';
import type { SummaryKind, SummaryState } from '#shared/domain/summary.ts';
import type {
  CreatedWebhook,
  DeliveryAttemptPage,
  DeliveryAttemptView as DeliveryAttemptSchema,
  WebhookView as WebhookSchema,
} from '#shared/domain/webhooks.ts';
import {
  type Api,
  type ClientOptions,
  createApi,
  createRequest,
  type DownloadedFile,
  enc,
  FILE_ACCEPT,
  fileOf,
  json,
} from '../api.ts';
import type { AccountView, KeyRef, PortalView, RegistrationView, UnitView } from '../types.ts';

/** A key as listed for its owner (GET /v1/keys?owner=). */
export interface KeyRecord {
  keyId: string;
  kind: string;
  hint: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

/** A mail sent to a unit, as GET /v1/units/{unitId}/mails lists it (newest first). */
export interface MailRecord {
  eventKey: string;
  to: string;
  template: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** A late-entry override as the secretariat lists it: whose, and who granted it. */
export type GrantedOverride = DeadlineOverride;

export interface SummaryView {
  summaryId: string;
  kind: SummaryKind;
  state: SummaryState;
  requestedAt: string;
  /** The member who asked for it (none for the nightly ones, nor for requests made before accounts). */
  requestedByName?: string;
  asOf?: string;
  completedAt?: string;
  failedAttempts?: number;
  files: { scope: string; fileName: string; bytes: number }[];
  /** Once ready: short-lived download links of the workbooks. */
  downloads?: { scope: string; fileName: string; bytes: number; url: string }[];
}

/** What the secretariat may know of the exclusion list: its size, and when and by whom it was replaced. */
/** What failed every retry and waits in a dead-letter queue (GET /v1/dead-letters): counts only. */
export interface DeadLetterFacts {
  total: number;
  queues: { queue: string; messages: number }[];
}

export interface ExclusionFacts {
  competitionId: string;
  count: number;
  /** Absent until a list is first uploaded. */
  updatedAt?: string;
  actor?: string;
  actorName?: string;
}

/** A contestant's whole ID number and phone, as shown to a member once the viewing is recorded. */
export interface WholeNumbers {
  idNumber: string;
  phone: string;
}

/** A webhook endpoint as the API shows it (never its secret). */
export type WebhookView = z.output<typeof WebhookSchema>;
/** One delivery attempt of the endpoint's log. */
export type DeliveryAttempt = z.output<typeof DeliveryAttemptSchema>;

/** A key's secret, shown once, with what it opens. */
export interface Issued<T> {
  token: string;
  created: T;
}

export interface ConsoleApi extends Api {
  /** Every unit (the API pages them; the console lists them whole, a few hundred at most). */
  units(): Promise<UnitView[]>;
  unit(unitId: string): Promise<UnitView>;
  createUnit(input: UnitInput): Promise<Issued<UnitView>>;
  unitMails(unitId: string): Promise<MailRecord[]>;
  /** Every registration of the competition waiting for the secretariat's review. */
  reviews(competitionId: string): Promise<RegistrationView[]>;
  /** The active entries naming a person, found by the whole ID number (sent in the body, never in the URL). */
  searchByIdNumber(competitionId: string, idNumber: string): Promise<RegistrationView[]>;
  /** A contestant's whole numbers; the API records the viewing in the entry's history before it answers. */
  wholeNumbers(registrationId: string, index: number): Promise<WholeNumbers>;
  review(registrationId: string, decision: 'approve' | 'reject', reason: string): Promise<RegistrationView>;
  replaceExclusions(
    competitionId: string,
    idNumbers: string[],
  ): Promise<{ count: number; updatedAt: string }>;
  exclusions(competitionId: string): Promise<ExclusionFacts>;
  deadLetters(): Promise<DeadLetterFacts>;
  allOverrides(competitionId: string): Promise<GrantedOverride[]>;
  grantOverride(
    competitionId: string,
    trackId: string,
    body: { unitId: string; reason: string; until: string },
  ): Promise<GrantedOverride>;
  requestSummary(competitionId: string): Promise<SummaryView>;
  summary(summaryId: string): Promise<SummaryView>;
  /** The competition's latest 100 summaries, nightly and requested, newest first. */
  summaries(competitionId: string): Promise<SummaryView[]>;
  keys(owner: string): Promise<KeyRecord[]>;
  rotateUnitKey(unitId: string, graceSeconds?: number): Promise<Issued<KeyRef>>;
  revokeKey(keyId: string): Promise<void>;
  accounts(): Promise<AccountView[]>;
  createAccount(input: Omit<AccountView, 'accountId'>): Promise<Issued<AccountView>>;
  /** Every active entry's 附件4 form of a unit in one ZIP; the API records it in each entry's history. */
  unitForms(competitionId: string, unitId: string): Promise<DownloadedFile>;
  portals(): Promise<PortalView[]>;
  createPortal(input: PortalInput): Promise<Issued<PortalView>>;
  webhooks(): Promise<WebhookView[]>;
  /** The endpoint and its signing secret, shown this once. */
  createWebhook(body: {
    url: string;
    eventTypes: string[];
    description?: string;
  }): Promise<z.output<typeof CreatedWebhook>>;
  changeWebhook(webhookId: string, change: { enabled: boolean }): Promise<WebhookView>;
  /** A signed test message: its first attempt. */
  testWebhook(webhookId: string): Promise<DeliveryAttempt>;
  /** The endpoint's latest attempts, newest first (one page). */
  webhookDeliveries(webhookId: string): Promise<DeliveryAttempt[]>;
}

export function createConsoleApi(token: string, options: ClientOptions = {}): ConsoleApi {
  const request = createRequest(token, options);

  /** Every page of a listing, following its cursor. */
  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await json<{ items: T[]; cursor?: string }>(
        await request('GET', `${path}${sep}limit=100${cursor ? `&cursor=${enc(cursor)}` : ''}`),
      );
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  return {
    ...createApi(token, options),
    units: () => all<UnitView>('/v1/units'),
    async unit(unitId) {
      return json<UnitView>(await request('GET', `/v1/units/${enc(unitId)}`));
    },
    async createUnit(input) {
      const answer = await json<{ unit: UnitView; token: string }>(await request('POST', '/v1/units', input));
      return { token: answer.token, created: answer.unit };
    },
    async unitMails(unitId) {
      return (await json<{ items: MailRecord[] }>(await request('GET', `/v1/units/${enc(unitId)}/mails`)))
        .items;
    },
    reviews: (competitionId) => all<RegistrationView>(`/v1/competitions/${enc(competitionId)}/reviews`),
    async review(registrationId, decision, reason) {
      const path = `/v1/registrations/${enc(registrationId)}/review`;
      return json<RegistrationView>(await request('POST', path, { decision, reason }));
    },
    async searchByIdNumber(competitionId, idNumber) {
      const path = `/v1/competitions/${enc(competitionId)}/registrations/search`;
      return (await json<{ items: RegistrationView[] }>(await request('POST', path, { idNumber }))).items;
    },
    async wholeNumbers(registrationId, index) {
      const path = `/v1/registrations/${enc(registrationId)}/contestants/${index}/numbers`;
      return json<WholeNumbers>(await request('POST', path));
    },
    async replaceExclusions(competitionId, idNumbers) {
      const path = `/v1/competitions/${enc(competitionId)}/exclusions`;
      return json<{ count: number; updatedAt: string }>(await request('PUT', path, { idNumbers }));
    },
    async exclusions(competitionId) {
      return json<ExclusionFacts>(await request('GET', `/v1/competitions/${enc(competitionId)}/exclusions`));
    },
    async deadLetters() {
      return json<DeadLetterFacts>(await request('GET', '/v1/dead-letters'));
    },
    allOverrides: (competitionId) => all<GrantedOverride>(`/v1/competitions/${enc(competitionId)}/overrides`),
    async grantOverride(competitionId, trackId, body) {
      const path = `/v1/competitions/${enc(competitionId)}/tracks/${enc(trackId)}/overrides`;
      return json<GrantedOverride>(await request('POST', path, body));
    },
    async requestSummary(competitionId) {
      return json<SummaryView>(await request('POST', `/v1/competitions/${enc(competitionId)}/summaries`));
    },
    async summary(summaryId) {
      return json<SummaryView>(await request('GET', `/v1/summaries/${enc(summaryId)}`));
    },
    async summaries(competitionId) {
      const path = `/v1/competitions/${enc(competitionId)}/summaries`;
      return (await json<{ items: SummaryView[] }>(await request('GET', path))).items;
    },
    async keys(owner) {
      return (await json<{ items: KeyRecord[] }>(await request('GET', `/v1/keys?owner=${enc(owner)}`))).items;
    },
    async rotateUnitKey(unitId, graceSeconds) {
      const body = graceSeconds === undefined ? {} : { graceSeconds };
      const answer = await json<{ key: KeyRef; token: string }>(
        await request('POST', `/v1/units/${enc(unitId)}/keys`, body),
      );
      return { token: answer.token, created: answer.key };
    },
    async revokeKey(keyId) {
      await request('DELETE', `/v1/keys/${enc(keyId)}`);
    },
    async accounts() {
      return (await json<{ items: AccountView[] }>(await request('GET', '/v1/accounts'))).items;
    },
    async createAccount(input) {
      const answer = await json<{ account: AccountView; token: string }>(
        await request('POST', '/v1/accounts', input),
      );
      return { token: answer.token, created: answer.account };
    },
    async unitForms(competitionId, unitId) {
      const path = `/v1/competitions/${enc(competitionId)}/units/${enc(unitId)}/forms.zip`;
      return fileOf(await request('GET', path, undefined, FILE_ACCEPT), '报名表.zip');
    },
    async portals() {
      return (await json<{ items: PortalView[] }>(await request('GET', '/v1/portals'))).items;
    },
    async createPortal(input) {
      const answer = await json<{ portal: PortalView; token: string }>(
        await request('POST', '/v1/portals', input),
      );
      return { token: answer.token, created: answer.portal };
    },
    async webhooks() {
      return (await json<{ items: WebhookView[] }>(await request('GET', '/v1/webhooks'))).items;
    },
    async createWebhook(body) {
      return json<z.output<typeof CreatedWebhook>>(await request('POST', '/v1/webhooks', body));
    },
    async changeWebhook(webhookId, change) {
      return json<WebhookView>(await request('PATCH', `/v1/webhooks/${enc(webhookId)}`, change));
    },
    async testWebhook(webhookId) {
      return json<DeliveryAttempt>(await request('POST', `/v1/webhooks/${enc(webhookId)}/test`));
    },
    async webhookDeliveries(webhookId) {
      const path = `/v1/webhooks/${enc(webhookId)}/deliveries?limit=50`;
      return (await json<z.output<typeof DeliveryAttemptPage>>(await request('GET', path))).items;
    },
  };
}
