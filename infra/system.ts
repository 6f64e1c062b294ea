/**
 * The system described once, as data: which functions exist and what triggers each one. The CDK app
 * (infra/cdk) and the local runtime (infra/local) both read this, and a test proves they agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventPattern } from '#events/contract.ts';
import { EVENT_SOURCE } from '#events/contract.ts';
import { OverrideEnded, TrackClosed } from '#events/deadline-events.ts';
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { PhotoRejected } from '#events/photo-events.ts';
import {
  RegistrationAmended,
  RegistrationCompleted,
  RegistrationRejected,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { nightlySummaryPublishedPattern, SummaryRequested } from '#events/summary-events.ts';
import type { IndexPartition, Partition } from '#shared/adapters/dynamodb/keys.ts';
import { outboxStreamFilter } from '#shared/adapters/dynamodb/outbox-stream-filter.ts';
import {
  BUILD_SUMMARY_TIMEOUT_SECONDS,
  SEND_DIGEST_TIMEOUT_SECONDS,
} from '#shared/config/function-timeouts.ts';
import { feedEventTypes } from '#shared/domain/change-feed.ts';
import { deadlineMoments } from '#shared/domain/deadline-schedule.ts';
import { type Edition, parseEdition } from '#shared/domain/edition.ts';
import { MAILED_ELIGIBILITY_OUTCOMES } from '#shared/domain/mail/mailed-outcomes.ts';
import { finalsOverMs, purgeMoment } from '#shared/domain/purge.ts';
import { WEBHOOK_SWEEP_INPUT, WEBHOOK_SWEEP_SCHEDULE } from '#shared/domain/webhooks.ts';
import { BUCKET_PREFIXES, PERSONAL_OBJECT_PREFIXES } from '#shared/ports/bucket-layout.ts';
import { atExpression } from './schedule-expression.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpTrigger {
  kind: 'http';
  method: HttpMethod;
  /** API Gateway route path, with `{name}` parameters. */
  path: string;
}

export interface EventTrigger {
  kind: 'event';
  /** Rule name, unique in the system. */
  rule: string;
  pattern: EventPattern;
  /** The app's bus (default), or the account's default bus, where AWS services such as S3 send their events. */
  bus?: 'app' | 'default';
}

/** An EventBridge Scheduler schedule (`at(...)` or `cron(...)`: what the local scheduler runs) in a named time zone. */
export interface ScheduleTrigger {
  kind: 'schedule';
  /** Schedule name, unique in the system. */
  schedule: string;
  expression: string;
  timeZone: string;
  /** Passed to the function as its event. */
  input: Record<string, unknown>;
  /** An ISO instant after which the schedule fires no more (Scheduler's EndDate); absent: it never ends. */
  endsAt?: string;
}

export interface TableStreamTrigger {
  kind: 'table-stream';
  /** Lambda event-filter patterns (same grammar as EventBridge patterns) on the stream records. */
  filters: EventPattern[];
  batchSize: number;
}

export type Trigger = HttpTrigger | EventTrigger | TableStreamTrigger | ScheduleTrigger;

/**
 * The table items a function may touch, by partition-key prefix (shared/adapters/dynamodb/keys.ts names them).
 * The CDK app grants each list with a `dynamodb:LeadingKeys` condition, and the local runtime enforces the same
 * lists (infra/local/table-guard.ts), so a path that needs a partition not declared here fails its tests.
 */
export interface TableAccess {
  /** Items read: GetItem and Query on the table. */
  read: readonly Partition[];
  /** Items written: PutItem, UpdateItem and DeleteItem, alone or as parts of a transaction. */
  write: readonly Partition[];
  /** Index partitions queried (the index partition key is the leading key of an index query). */
  query: readonly IndexPartition[];
  /**
   * Scans of the whole table, which carry no leading key and so no prefix condition can limit: the
   * personal-data purge only, which must find every item that may hold personal data.
   */
  scan?: true;
}

/** What a function may touch; the CDK app turns it into least-privilege grants and environment variables. */
export interface Access {
  /** Required, so that no function gets (or is added without deciding) the table by default. */
  table: TableAccess | 'none';
  bus?: 'put';
  idHashKey?: boolean;
  /** The key under which page cursors are signed (every function with a listing route). */
  cursorKey?: boolean;
  /** The key under which webhook signing secrets are encrypted at rest (who creates or signs with them). */
  webhookKey?: boolean;
  /** The photo bucket, limited to these key prefixes (one grant per entry when a list). */
  bucket?: BucketAccess | BucketAccess[];
  /** Sending email (SES, or the SMTP settings of the deployment). */
  mail?: boolean;
  /** Linking to the API (its public base URL), e.g. from a mail. */
  apiUrl?: boolean;
  /** Creating one-time schedules at run time that invoke the named function (the end of an override). */
  oneTimeSchedules?: { invokes: string };
  /** Counting the messages in every dead-letter queue of the system (never reading them). */
  deadLetters?: true;
}

export interface BucketAccess {
  /** `delete`: list the prefixes and delete what is under them (the purge), nothing else. */
  access: 'read' | 'write' | 'read-write' | 'delete';
  prefixes: string[];
}

/** Native packages a function loads at run time from a Lambda layer instead of its bundle. */
export type NativeModule = 'sharp';

export interface FunctionSpec {
  /** kebab-case, unique; becomes the construct id and the local function name. */
  name: string;
  /** Module exporting `handler`, relative to the repository root. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  access: Access;
  triggers: Trigger[];
  nativeModules?: NativeModule[];
  /** The bundle also carries the built web app (web/build.ts), served by this function. */
  webApp?: true;
}

const http = (method: HttpMethod, path: string): HttpTrigger => ({ kind: 'http', method, path });

/** Every edition document of a folder (one JSON file each), validated: a broken one fails at load. */
export function readEditions(dir: string): Edition[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => parseEdition(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
}

/** Where the repository keeps its editions: the stateful stack seeds them, the local runtime too. */
export const REPOSITORY_EDITIONS_DIR = fileURLToPath(new URL('../shared/editions/', import.meta.url));

/** The editions in the repository (shared/editions). */
export const repositoryEditions = (): Edition[] => readEditions(REPOSITORY_EDITIONS_DIR);

/** Each track's reminders and closing, derived from the edition data (nothing about one edition is written here). */
export function deadlineTriggers(editions: Edition[]): ScheduleTrigger[] {
  return editions.flatMap((edition) =>
    deadlineMoments(edition).map((moment) => ({
      kind: 'schedule' as const,
      schedule: moment.name,
      expression: atExpression(moment.atMs, edition.timeZone),
      timeZone: edition.timeZone,
      input: moment.input,
    })),
  );
}

/** Each edition's personal-data purge, once its retention after the last final is over. */
export function purgeTriggers(editions: Edition[]): ScheduleTrigger[] {
  return editions.map((edition) => {
    const moment = purgeMoment(edition);
    return {
      kind: 'schedule',
      schedule: moment.name,
      expression: atExpression(moment.atMs, edition.timeZone),
      timeZone: edition.timeZone,
      input: moment.input,
    };
  });
}

const mailOn = (contract: { detailType: string; pattern: EventPattern }): EventTrigger => ({
  kind: 'event',
  rule: `mail-on-${contract.detailType.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`)}`,
  pattern: contract.pattern,
});

/** EventBridge Scheduler's cron for the edition's `nightlySummaryAt`, read in the edition's zone. */
export function nightlyCron(edition: Edition): { expression: string; timeZone: string } {
  const [hours, minutes] = edition.settings.nightlySummaryAt.split(':').map(Number);
  return { expression: `cron(${minutes} ${hours} * * ? *)`, timeZone: edition.timeZone };
}

/**
 * Each edition's nightly summary build, at its `settings.nightlySummaryAt` in its own zone, until its last final
 * is over: nothing changes after that, so neither the build nor the digest it triggers is invoked any more.
 */
const nightlySummarySchedules = (editions: Edition[]): ScheduleTrigger[] =>
  editions.map((edition) => ({
    kind: 'schedule',
    schedule: `nightly-summary-${edition.id}`,
    ...nightlyCron(edition),
    input: { competitionId: edition.id },
    endsAt: new Date(finalsOverMs(edition)).toISOString(),
  }));

/** EligibilityEvaluated, narrowed to the outcomes notify mails (exact values, as the local bus matches them). */
const mailedEvaluations = {
  detailType: EligibilityEvaluated.detailType,
  pattern: {
    ...EligibilityEvaluated.pattern,
    detail: { data: { status: [...MAILED_ELIGIBILITY_OUTCOMES] } },
  },
};

export const functions: FunctionSpec[] = [
  {
    name: 'health',
    entry: 'functions/http/health.ts',
    description: 'Liveness of the API',
    memoryMb: 256,
    timeoutSeconds: 3,
    access: { table: 'none' },
    triggers: [http('GET', '/v1/health')],
  },
  {
    name: 'openapi',
    entry: 'functions/http/openapi.ts',
    description: 'Serves the OpenAPI 3.1 document of the API, generated from its zod schemas',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'none' },
    triggers: [http('GET', '/v1/openapi.json')],
  },
  {
    // The units' web app (web/, built by web/build.ts), same origin as /v1: no CORS on the API; and the API's
    // documentation page, which web/build.ts makes from the OpenAPI document.
    name: 'web-app',
    entry: 'functions/http/web.ts',
    description:
      'Serves the web app: the page (no-cache) and its content-hashed assets (immutable); the API documentation page',
    memoryMb: 256,
    timeoutSeconds: 3,
    access: { table: 'none' },
    triggers: [http('GET', '/'), http('GET', '/assets/{file}'), http('GET', '/docs')],
    webApp: true,
  },
  {
    name: 'competitions-api',
    entry: 'functions/http/competitions.ts',
    description: 'Reads a competition edition',
    memoryMb: 512,
    timeoutSeconds: 10,
    // Public: the edition document only (no token, no entry).
    access: { table: { read: ['edition'], write: [], query: [] } },
    triggers: [http('GET', '/v1/competitions/{competitionId}')],
  },
  {
    name: 'units-api',
    entry: 'functions/http/units.ts',
    description: "Creates and reads units; issues and rotates units' keys",
    memoryMb: 512,
    timeoutSeconds: 10,
    access: {
      cursorKey: true,
      table: {
        // Authenticates (credential, last use); reads a unit; a new unit is written with its first key (record
        // and credential) in one transaction; a rotation lists the unit's keys and writes the new key with the
        // older ones' expiry in one transaction.
        read: ['token', 'keyUse', 'unit', 'key'],
        write: ['unit', 'token', 'key', 'keyUse', 'rate'],
        query: ['units', 'ownerKeys'],
      },
    },
    triggers: [
      http('POST', '/v1/units'),
      http('GET', '/v1/units'),
      http('GET', '/v1/units/{unitId}'),
      http('POST', '/v1/units/{unitId}/keys'),
    ],
  },
  {
    name: 'accounts-api',
    entry: 'functions/http/accounts.ts',
    description:
      "Tells a caller who it is; the secretariat's accounts and portal clients, and revoking any key",
    memoryMb: 512,
    timeoutSeconds: 10,
    access: {
      table: {
        // Authenticates; reads the caller's account, unit or portal and key; an account or a portal (whose units
        // are read first) is written with its first key in one transaction, a key's record and credential
        // together (issue, rotate, revoke); lists the accounts, the portals and an owner's keys through the
        // indexes.
        read: ['token', 'keyUse', 'key', 'account', 'unit', 'portal'],
        write: ['account', 'portal', 'key', 'token', 'keyUse', 'rate'],
        query: ['accounts', 'portals', 'ownerKeys'],
      },
    },
    triggers: [
      http('GET', '/v1/me'),
      http('POST', '/v1/accounts'),
      http('GET', '/v1/accounts'),
      http('POST', '/v1/accounts/{accountId}/keys'),
      http('POST', '/v1/portals'),
      http('GET', '/v1/portals'),
      http('GET', '/v1/portals/{portalId}'),
      http('POST', '/v1/portals/{portalId}/keys'),
      http('GET', '/v1/keys'),
      http('DELETE', '/v1/keys/{keyId}'),
    ],
  },
  {
    name: 'operations-api',
    entry: 'functions/http/operations.ts',
    description: 'Tells the secretariat what failed every retry and waits in the dead-letter queues',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: {
      // Authenticates; counts the messages of the dead-letter queues.
      table: { read: ['token', 'keyUse'], write: ['keyUse', 'rate'], query: [] },
      deadLetters: true,
    },
    triggers: [http('GET', '/v1/dead-letters')],
  },
  {
    name: 'registrations-api',
    entry: 'functions/http/registrations.ts',
    description:
      "Submits, lists, reads, amends and withdraws registrations; shows the secretariat a contestant's numbers",
    memoryMb: 1024,
    timeoutSeconds: 15,
    access: {
      cursorKey: true,
      table: {
        // Authenticates; reads the edition, the unit, the unit's overrides (a late entry), an idempotency record
        // and the entry with its history. Submitting writes the entry, its history, quota counter, person claims,
        // idempotency record and outbox event in one transaction; amending and withdrawing release claims and
        // the place. Lists by unit (a unit) or by competition (the secretariat). Showing a contestant's whole
        // numbers adds a record to the entry's history.
        read: ['token', 'keyUse', 'edition', 'unit', 'override', 'idempotency', 'registration'],
        write: ['registration', 'quota', 'person', 'idempotency', 'outbox', 'keyUse', 'rate'],
        query: ['unitEntries', 'competitionEntries'],
      },
      idHashKey: true,
    },
    triggers: [
      http('POST', '/v1/competitions/{competitionId}/registrations'),
      http('GET', '/v1/competitions/{competitionId}/registrations'),
      http('GET', '/v1/registrations/{registrationId}'),
      http('GET', '/v1/registrations/{registrationId}/history'),
      http('PUT', '/v1/registrations/{registrationId}'),
      http('DELETE', '/v1/registrations/{registrationId}'),
      http('POST', '/v1/registrations/{registrationId}/contestants/{index}/numbers'),
    ],
  },
  {
    name: 'imports-api',
    entry: 'functions/http/imports.ts',
    description:
      'Bulk import from a spreadsheet: the template, the check of a filled-in file, and its commit as submissions',
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: {
      table: {
        // Authenticates; the check reads the edition, the unit, its overrides, the exclusion list and the person
        // claims, lists the unit's entries (the places taken) and stores the import; the commit submits each
        // entry as registrations-api does (entry, history, quota, claims, idempotency record, outbox event) and
        // records its results on the import.
        read: [
          'token',
          'keyUse',
          'edition',
          'unit',
          'override',
          'exclusions',
          'person',
          'idempotency',
          'registration',
          'import',
        ],
        write: ['registration', 'quota', 'person', 'idempotency', 'outbox', 'import', 'keyUse', 'rate'],
        query: ['unitEntries'],
      },
      idHashKey: true,
    },
    triggers: [
      http('GET', '/v1/competitions/{competitionId}/import-template.xlsx'),
      http('POST', '/v1/competitions/{competitionId}/imports'),
      http('GET', '/v1/imports/{importId}'),
      http('GET', '/v1/imports/{importId}/errors.xlsx'),
      http('POST', '/v1/imports/{importId}/commit'),
    ],
  },
  {
    name: 'publish-events',
    entry: 'functions/stream/publish-events.ts',
    description: 'Places the events written to the outbox in the change feed, then publishes them to the bus',
    memoryMb: 512,
    timeoutSeconds: 30,
    access: {
      // The stream delivers the outbox items; placing them reads each one's unit (its district's stream), reads
      // and moves the feed's heads, puts the feed's items and marks each outbox item with its position, in one
      // transaction.
      table: { read: ['feed', 'unit'], write: ['feed', 'outbox'], query: [] },
      bus: 'put',
    },
    triggers: [{ kind: 'table-stream', filters: [outboxStreamFilter], batchSize: 25 }],
  },
  {
    name: 'events-api',
    entry: 'functions/http/events.ts',
    description: 'The change feed: the events a caller may see, oldest first, a page after its cursor',
    memoryMb: 512,
    timeoutSeconds: 10,
    access: {
      cursorKey: true,
      // Authenticates; reads the caller's streams of the feed.
      table: { read: ['token', 'keyUse', 'feed'], write: ['keyUse', 'rate'], query: [] },
    },
    triggers: [http('GET', '/v1/events')],
  },
  {
    name: 'evaluate-eligibility',
    entry: 'functions/events/evaluate-eligibility.ts',
    description: 'Checks entries against the eligibility rules, and re-checks the entries sharing a person',
    memoryMb: 1024,
    timeoutSeconds: 60,
    access: {
      table: {
        // Reads the entry (and those sharing a person), the edition, the unit, the exclusion list and the people
        // index; records the entry's people (TRACKPERSON, PEOPLEOF); a decision updates the entry with its event
        // and, on a rejection, releases the person claims and the place.
        read: ['registration', 'edition', 'unit', 'exclusions', 'peopleOf', 'trackPerson'],
        write: ['registration', 'outbox', 'person', 'quota', 'peopleOf', 'trackPerson'],
        query: [],
      },
      idHashKey: true,
    },
    triggers: [
      { kind: 'event', rule: 'eligibility-on-submitted', pattern: RegistrationSubmitted.pattern },
      { kind: 'event', rule: 'eligibility-on-amended', pattern: RegistrationAmended.pattern },
      { kind: 'event', rule: 'eligibility-on-withdrawn', pattern: RegistrationWithdrawn.pattern },
      { kind: 'event', rule: 'eligibility-on-rejected', pattern: RegistrationRejected.pattern },
    ],
  },
  {
    name: 'eligibility-api',
    entry: 'functions/http/eligibility.ts',
    description:
      'Validates drafts; the secretariat reviews entries, finds them by ID number and keeps the exclusion list',
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: {
      cursorKey: true,
      table: {
        // Authenticates; a draft is checked against the edition, the exclusion list and the people index; the
        // review queue reads the competition's entries; a review updates the entry (releasing claims and the
        // place on a rejection); a new exclusion list is stored and its people's claims looked up; a search by
        // ID number reads the person's claims and the entries holding them.
        read: ['token', 'keyUse', 'edition', 'unit', 'exclusions', 'trackPerson', 'person', 'registration'],
        write: ['registration', 'outbox', 'person', 'quota', 'exclusions', 'keyUse', 'rate'],
        query: ['competitionEntries'],
      },
      idHashKey: true,
    },
    triggers: [
      http('POST', '/v1/competitions/{competitionId}/registrations/validate'),
      http('GET', '/v1/competitions/{competitionId}/reviews'),
      http('POST', '/v1/registrations/{registrationId}/review'),
      http('POST', '/v1/competitions/{competitionId}/registrations/search'),
      http('GET', '/v1/competitions/{competitionId}/exclusions'),
      http('PUT', '/v1/competitions/{competitionId}/exclusions'),
    ],
  },
  {
    name: 'photos-api',
    entry: 'functions/http/photos.ts',
    description: "Grants photo uploads, links accepted photos, exports a track's photos as a ZIP",
    memoryMb: 1024,
    // API Gateway answers within 30 s; the ZIP of a track (a few hundred photos) streams well within that.
    timeoutSeconds: 29,
    access: {
      table: {
        // Authenticates; a grant is recorded on the entry and its history (no event) while the track is open
        // or the unit has an override; the ZIP lists the track's entries and names files by unit.
        read: ['token', 'keyUse', 'edition', 'unit', 'override', 'registration'],
        write: ['registration', 'keyUse', 'rate'],
        query: ['competitionEntries'],
      },
      bucket: [
        // Signing the upload form needs the right to put what it allows.
        { access: 'write', prefixes: [BUCKET_PREFIXES.uploads] },
        { access: 'read', prefixes: [BUCKET_PREFIXES.photos] },
        { access: 'read-write', prefixes: [BUCKET_PREFIXES.exports] },
      ],
    },
    triggers: [
      http('POST', '/v1/registrations/{registrationId}/contestants/{index}/photo'),
      http('GET', '/v1/registrations/{registrationId}/contestants/{index}/photo'),
      http('GET', '/v1/competitions/{competitionId}/tracks/{trackId}/photos.zip'),
    ],
  },
  {
    name: 'forms-api',
    entry: 'functions/http/forms.ts',
    description: "Fills in an entry's 附件4 选手报名表 (docx); a unit's forms as one ZIP for the secretariat",
    // Resizes each accepted photo to its print size with sharp, as the photo checker does.
    nativeModules: ['sharp'],
    memoryMb: 1024,
    // A unit's ZIP makes at most MAX_FORMS_PER_ARCHIVE documents, well within API Gateway's 30 s.
    timeoutSeconds: 29,
    access: {
      table: {
        // Authenticates; reads the entry, its edition and unit; the ZIP lists the unit's entries. The
        // secretariat's downloads add a record to each entry's history (the forms show whole numbers).
        read: ['token', 'keyUse', 'edition', 'unit', 'registration'],
        write: ['registration', 'keyUse', 'rate'],
        query: ['unitEntries'],
      },
      bucket: [{ access: 'read', prefixes: [BUCKET_PREFIXES.photos] }],
    },
    triggers: [
      http('GET', '/v1/registrations/{registrationId}/form.docx'),
      http('GET', '/v1/competitions/{competitionId}/units/{unitId}/forms.zip'),
    ],
  },
  {
    name: 'photo-checker',
    entry: 'functions/events/photo-uploaded.ts',
    description:
      'Checks an uploaded photo (type, size, 2-inch aspect, red background) and stores a clean copy',
    // Checking a 5 MB photo peaks at about 135 MB RSS (npm run bench); the rest buys CPU for the decoder.
    memoryMb: 1024,
    timeoutSeconds: 60,
    access: {
      // It parses attacker-supplied bytes: it reaches only the entry the upload belongs to (its photo result,
      // history and event) and the edition; never a token, a claim or another kind of item.
      table: { read: ['registration', 'edition'], write: ['registration', 'outbox'], query: [] },
      bucket: [
        // Reads the original, and deletes it at once when the edition keeps originals for 0 days.
        { access: 'read-write', prefixes: [BUCKET_PREFIXES.uploads] },
        { access: 'write', prefixes: [BUCKET_PREFIXES.photos] },
      ],
    },
    triggers: [
      {
        kind: 'event',
        rule: 'photo-uploaded',
        // S3 sends its events to the account's default bus.
        bus: 'default',
        pattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { object: { key: [{ prefix: BUCKET_PREFIXES.uploads }] } },
        },
      },
    ],
    nativeModules: ['sharp'],
  },
  {
    name: 'summaries-api',
    entry: 'functions/http/summaries.ts',
    description: "Takes the secretariat's summary requests, lists the summaries and hands out download links",
    memoryMb: 512,
    timeoutSeconds: 10,
    access: {
      // Authenticates; a request is a summary item with its event; a link is checked against the summary; the
      // list reads the competition's latest summaries on the index (one page: no cursor, so no secret).
      table: {
        read: ['token', 'keyUse', 'edition', 'summary'],
        write: ['summary', 'outbox', 'keyUse', 'rate'],
        query: ['competitionSummaries'],
      },
      bucket: { access: 'read', prefixes: [BUCKET_PREFIXES.summaries] },
    },
    triggers: [
      http('POST', '/v1/competitions/{competitionId}/summaries'),
      http('GET', '/v1/competitions/{competitionId}/summaries'),
      http('GET', '/v1/summaries/{summaryId}'),
      http('GET', '/v1/summaries/{summaryId}/files/{scope}'),
    ],
  },
  {
    name: 'build-summary',
    entry: 'functions/schedule/build-summary.ts',
    description: 'Builds the summary workbooks, nightly and on request, streaming them into the bucket',
    memoryMb: 1024,
    timeoutSeconds: BUILD_SUMMARY_TIMEOUT_SECONDS,
    access: {
      table: {
        // Claims and completes the summary (with its event); reads every entry and unit of the competition, each
        // unit's entries (its sheet) and the previous nightly summary through the indexes.
        read: ['summary', 'edition'],
        write: ['summary', 'outbox'],
        query: ['competitionEntries', 'unitEntries', 'units', 'nightlySummaries'],
      },
      bucket: { access: 'read-write', prefixes: [BUCKET_PREFIXES.summaries] },
    },
    triggers: [
      ...nightlySummarySchedules(repositoryEditions()),
      { kind: 'event', rule: 'build-requested-summary', pattern: SummaryRequested.pattern },
    ],
  },
  {
    name: 'send-digest',
    entry: 'functions/events/send-digest.ts',
    description: "Mails the organisers' digest after each nightly summary, once per night",
    memoryMb: 512,
    timeoutSeconds: SEND_DIGEST_TIMEOUT_SECONDS,
    access: {
      table: {
        // Claims the night's digest (reading a claim it lost), reads the competition's entries, finds the
        // previous digest through the index; the summary comes in the event, its files from the bucket.
        read: ['digest', 'edition'],
        write: ['digest'],
        query: ['competitionEntries', 'sentDigests'],
      },
      bucket: { access: 'read', prefixes: [BUCKET_PREFIXES.summaries] },
      mail: true,
      // Links the workbooks' signed-in download.
      apiUrl: true,
    },
    triggers: [
      { kind: 'event', rule: 'digest-after-nightly-summary', pattern: nightlySummaryPublishedPattern },
    ],
  },
  {
    name: 'deadlines',
    entry: 'functions/schedule/deadlines.ts',
    description: "Reminds units before each track's deadline and closes the track at it",
    memoryMb: 512,
    timeoutSeconds: 300,
    access: {
      table: {
        // Reads the track's entries and the units; closing asks each unit's overrides whether it waits for one;
        // expiring an entry updates it with its event and releases its claims and place; the closure (TrackClosed)
        // and an override's end (OverrideEnded, over the unit's entries of the track) are recorded once each; each
        // mail is claimed in the mail log.
        read: ['edition', 'unit', 'registration', 'override'],
        write: ['registration', 'outbox', 'person', 'quota', 'closure', 'overrideEnd', 'mail'],
        query: ['competitionEntries', 'unitEntries'],
      },
      idHashKey: true,
      mail: true,
    },
    triggers: deadlineTriggers(repositoryEditions()),
  },
  {
    name: 'notify',
    entry: 'functions/events/notify.ts',
    description: 'Emails units and the secretariat what happened to their registrations',
    memoryMb: 512,
    timeoutSeconds: 120,
    access: {
      table: {
        // Reads the entry, its unit and the edition (the track's entries for the closing notices, a unit's
        // entries and overrides for the notices of an override's end); each mail is claimed and settled in the
        // mail log.
        read: ['registration', 'unit', 'edition', 'override'],
        write: ['mail'],
        query: ['competitionEntries', 'unitEntries'],
      },
      mail: true,
    },
    triggers: [
      RegistrationSubmitted,
      RegistrationAmended,
      RegistrationWithdrawn,
      // Only the outcomes that mail anyone: a pass, the usual outcome, does not invoke notify at all.
      mailedEvaluations,
      RegistrationRejected,
      PhotoRejected,
      RegistrationCompleted,
      TrackClosed,
      OverrideEnded,
    ].map(mailOn),
  },
  {
    name: 'overrides-api',
    entry: 'functions/http/overrides.ts',
    description:
      "Reopens a unit's entry window after a deadline (secretariat) and lists the overrides (a unit its own)",
    memoryMb: 512,
    timeoutSeconds: 10,
    access: {
      cursorKey: true,
      // Authenticates; checks the edition and the unit; stores a grant; lists the grants through the index, or a
      // unit's own grants per track.
      table: {
        read: ['token', 'keyUse', 'edition', 'unit', 'override'],
        write: ['override', 'keyUse', 'rate'],
        query: ['overrideGrants'],
      },
      // Each grant schedules its end, which the deadline function settles.
      oneTimeSchedules: { invokes: 'deadlines' },
    },
    triggers: [
      http('POST', '/v1/competitions/{competitionId}/tracks/{trackId}/overrides'),
      http('GET', '/v1/competitions/{competitionId}/overrides'),
    ],
  },
  {
    name: 'mails-api',
    entry: 'functions/http/mails.ts',
    description: 'Lists the emails sent to a unit',
    memoryMb: 512,
    timeoutSeconds: 10,
    // Authenticates; checks the unit; reads its mail log.
    access: { table: { read: ['token', 'keyUse', 'unit', 'mail'], write: ['keyUse', 'rate'], query: [] } },
    triggers: [http('GET', '/v1/units/{unitId}/mails')],
  },
  {
    name: 'purge-personal-data',
    entry: 'functions/schedule/purge.ts',
    description: "Removes an edition's personal data once its retention is over, and reports the counts",
    memoryMb: 512,
    // A page of the table or a batch of objects at a time, with progress kept: a retry resumes.
    timeoutSeconds: 900,
    access: {
      table: {
        // Scans the whole table: every item type may hold personal data (purge-store.ts). Keeps its progress
        // (PURGE#), replaces each entry by its anonymous remains, removes or clears what is personal, and mails
        // its report through the mail log.
        read: ['purge', 'registration', 'edition', 'mail'],
        write: [
          'purge',
          'registration',
          'peopleOf',
          'person',
          'trackPerson',
          'exclusions',
          'summary',
          'outbox',
          'idempotency',
          'mail',
          'unit',
          'override',
        ],
        query: [],
        scan: true,
      },
      bucket: { access: 'delete', prefixes: [...PERSONAL_OBJECT_PREFIXES] },
      mail: true,
    },
    triggers: purgeTriggers(repositoryEditions()),
  },
  {
    name: 'webhooks-api',
    entry: 'functions/http/webhooks.ts',
    description: "Registers the secretariat's webhook endpoints; their deliveries log and test deliveries",
    memoryMb: 512,
    // A test delivery waits for the receiver, at most 15 s.
    timeoutSeconds: 29,
    access: {
      cursorKey: true,
      // Seals a new endpoint's secret, and opens it to sign a test delivery.
      webhookKey: true,
      table: {
        // Authenticates; an endpoint is one item (its deliveries log in its partition), listed by owner; a test
        // delivery is recorded, claimed and settled as every delivery.
        read: ['token', 'keyUse', 'webhook'],
        write: ['webhook', 'webhookDelivery', 'keyUse', 'rate'],
        query: ['ownerWebhooks'],
      },
    },
    triggers: [
      http('POST', '/v1/webhooks'),
      http('GET', '/v1/webhooks'),
      http('GET', '/v1/webhooks/{webhookId}'),
      http('PATCH', '/v1/webhooks/{webhookId}'),
      http('DELETE', '/v1/webhooks/{webhookId}'),
      http('GET', '/v1/webhooks/{webhookId}/deliveries'),
      http('POST', '/v1/webhooks/{webhookId}/test'),
    ],
  },
  {
    name: 'deliver-webhooks',
    entry: 'functions/events/deliver-webhooks.ts',
    description:
      'Sends the feed events to the webhook endpoints that asked for them, signed; retries what failed',
    memoryMb: 512,
    // Attempts run side by side, each at most 15 s; the claim's lease (2 min) outlasts the function.
    timeoutSeconds: 60,
    access: {
      webhookKey: true,
      table: {
        // Finds the enabled endpoints (and the event's unit, for its district's stream); records each delivery,
        // claims and settles it, logs each attempt in the endpoint's partition and disables an endpoint that
        // answered 410; the sweep finds the due deliveries.
        read: ['unit', 'webhook'],
        write: ['webhook', 'webhookDelivery'],
        query: ['enabledWebhooks', 'dueDeliveries'],
      },
    },
    triggers: [
      {
        kind: 'event',
        rule: 'webhooks-on-feed-events',
        pattern: { source: [EVENT_SOURCE], 'detail-type': [...feedEventTypes] },
      },
      {
        // Retries fall due at any instant: the sweep runs every minute, so a retry is at most a minute late.
        kind: 'schedule',
        schedule: WEBHOOK_SWEEP_SCHEDULE,
        expression: 'cron(* * * * ? *)',
        timeZone: 'UTC',
        input: WEBHOOK_SWEEP_INPUT,
      },
    ],
  },
];
