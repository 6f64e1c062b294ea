/**
 * The composition root: every adapter built once per process from the environment, and the dependencies each
 * use case receives. Handlers import their wiring from here and never construct adapters or clients.
 *
 * One module for every function: each factory is a `once(...)` marked pure, so esbuild drops the factories a
 * function's bundle never reads, and with them their SDK clients, exceljs or mail transports (see
 * scripts/bundle-sizes.ts). The mark is needed at each call: esbuild does not carry `#__NO_SIDE_EFFECTS__` on
 * `once` itself across modules (checked with esbuild 0.28). Add it to every new module-level factory.
 */
import { ulid } from 'ulid';
import { AesGcmSecretBox } from './adapters/aes-gcm-secret-box.ts';
import {
  documentClient,
  eventBridgeClient,
  s3Client,
  schedulerClient,
  secretsManagerClient,
  sqsClient,
} from './adapters/aws-clients.ts';
import { docxEntryForms } from './adapters/docx-entry-forms.ts';
import { DynamoChangeFeedStore } from './adapters/dynamodb/change-feed-store.ts';
import { DynamoDeadlineStore } from './adapters/dynamodb/deadline-store.ts';
import { DynamoEditionStore } from './adapters/dynamodb/edition-store.ts';
import { DynamoEligibilityStore } from './adapters/dynamodb/eligibility-store.ts';
import { DynamoImportStore } from './adapters/dynamodb/import-store.ts';
import { ACCOUNTS, DynamoKeyHolderStore, PORTALS } from './adapters/dynamodb/key-holder-store.ts';
import { DynamoKeyStore } from './adapters/dynamodb/key-store.ts';
import { DynamoMailLogStore } from './adapters/dynamodb/mail-log-store.ts';
import { DynamoPurgeStore } from './adapters/dynamodb/purge-store.ts';
import { DynamoRateCounter } from './adapters/dynamodb/rate-counter.ts';
import { DynamoRegistrationStore } from './adapters/dynamodb/registration-store.ts';
import { DynamoSummaryStore } from './adapters/dynamodb/summary-store.ts';
import { DynamoUnitStore } from './adapters/dynamodb/unit-store.ts';
import { DynamoWebhookStore } from './adapters/dynamodb/webhook-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { EventBridgePublisher } from './adapters/eventbridge-publisher.ts';
import { HmacIdHasher } from './adapters/hmac-id-hasher.ts';
import { HttpWebhookSender } from './adapters/http-webhook-sender.ts';
import { LocalDeadLetters } from './adapters/local-dead-letters.ts';
import { createMailer } from './adapters/mail/mailer.ts';
import { S3ObjectPurger } from './adapters/s3-object-purger.ts';
import { S3PhotoStorage } from './adapters/s3-photo-storage.ts';
import { S3SummaryFiles } from './adapters/s3-summary-files.ts';
import { S3WorkbookStorage } from './adapters/s3-workbook-storage.ts';
import { SchedulerOneTimeSchedules } from './adapters/scheduler-one-time-schedules.ts';
import { secretFromEnvironment } from './adapters/secrets.ts';
import { SharpPhotoChecker } from './adapters/sharp-photo-checker.ts';
import { SignedCursors } from './adapters/signed-cursors.ts';
import { SqsDeadLetters } from './adapters/sqs-dead-letters.ts';
import { excelImportWorkbooks } from './adapters/xlsx/import-workbooks.ts';
import { memoryArchiver } from './adapters/zip.ts';
import { apiUrl, bucketName, eventBusName, requiredEnv, tableName } from './config/config.ts';
import { ENV } from './config/env-names.ts';
import { BUILD_SUMMARY_TIMEOUT_SECONDS, SEND_DIGEST_TIMEOUT_SECONDS } from './config/function-timeouts.ts';
import { mailConfig } from './config/mail-config.ts';
import { parseRateLimit } from './config/rate-limit.ts';
import { once } from './lib/once.ts';
import type { AccessDeps } from './use-cases/access.ts';
import type { ChangeFeedDeps } from './use-cases/change-feed.ts';
import type { ClosingNoticeDeps } from './use-cases/closing-notices.ts';
import type { OverrideDeps } from './use-cases/deadline-overrides.ts';
import type { DeadlineDeps } from './use-cases/deadlines.ts';
import type { DigestDeps } from './use-cases/digest.ts';
import type { EligibilityDeps } from './use-cases/eligibility-evaluation.ts';
import type { EntryFormDeps } from './use-cases/entry-forms.ts';
import type { ImportDeps } from './use-cases/import-check.ts';
import type { NotifyDeps } from './use-cases/notifications.ts';
import type { PhotoDeps } from './use-cases/photos.ts';
import type { PublishOutboxDeps } from './use-cases/publish-outbox.ts';
import type { PurgeDeps } from './use-cases/purge.ts';
import type { RateLimitDeps } from './use-cases/rate-limit.ts';
import type { RegistrationDeps } from './use-cases/registrations.ts';
import type { SummaryApiDeps, SummaryDeps } from './use-cases/summaries.ts';
import type { UnitDeps } from './use-cases/units.ts';
import type { DeliveryDeps } from './use-cases/webhook-deliveries.ts';
import type { WebhookDeps } from './use-cases/webhooks.ts';

/** DynamoDB's own page limit (1 MB) usually ends a page first; this bounds a page of small items. */
export const SUMMARY_PAGE_SIZE = 500;

/** The system's clock (the local runtime may set it to the edition's dates), for the edge that shows it. */
export const systemClock = envClock;

// The adapters, one of each per process.

export const registrationStore = /* @__PURE__ */ once(
  () => new DynamoRegistrationStore(documentClient(), tableName()),
);
export const unitStore = /* @__PURE__ */ once(() => new DynamoUnitStore(documentClient(), tableName()));
export const editionStore = /* @__PURE__ */ once(() => new DynamoEditionStore(documentClient(), tableName()));
export const deadlineStore = /* @__PURE__ */ once(
  () => new DynamoDeadlineStore(documentClient(), tableName()),
);
export const mailLogStore = /* @__PURE__ */ once(() => new DynamoMailLogStore(documentClient(), tableName()));
const eligibilityStore = /* @__PURE__ */ once(
  () => new DynamoEligibilityStore(documentClient(), tableName()),
);
const summaryStore = /* @__PURE__ */ once(() => new DynamoSummaryStore(documentClient(), tableName()));
const summaryFiles = /* @__PURE__ */ once(() => new S3SummaryFiles(s3Client(), bucketName()));
const mailer = /* @__PURE__ */ once(() => createMailer(mailConfig()));

/** One hasher, so its key is read from Secrets Manager once per container. */
const idHasher = /* @__PURE__ */ once(
  () =>
    new HmacIdHasher(
      secretFromEnvironment(secretsManagerClient, { value: ENV.idHashKey, arn: ENV.idHashKeySecretArn }),
    ),
);

/** Seals the page cursors of the listings (functions with `access.cursorKey`). */
export const cursorSeal = /* @__PURE__ */ once(
  () =>
    new SignedCursors(
      secretFromEnvironment(secretsManagerClient, { value: ENV.cursorKey, arn: ENV.cursorKeySecretArn }),
    ),
);

/** The change feed's streams: placed by the stream function, read by GET /v1/events. */
export const changeFeedDeps = /* @__PURE__ */ once(
  (): ChangeFeedDeps => ({ feed: new DynamoChangeFeedStore(documentClient(), tableName()), clock: envClock }),
);

/** Places the outbox's events in the change feed and publishes them to the bus (the stream function). */
export const publishOutboxDeps = /* @__PURE__ */ once(
  (): PublishOutboxDeps => ({
    publisher: new EventBridgePublisher(eventBridgeClient(), eventBusName()),
    ...changeFeedDeps(),
    // Each event's unit, for its district's stream.
    units: unitStore(),
  }),
);

// What each use case receives.

/** The per-key rate limit every authenticating HTTP function applies at its edge. */
export const rateLimitDeps = /* @__PURE__ */ once(
  (): RateLimitDeps => ({
    counter: new DynamoRateCounter(documentClient(), tableName()),
    clock: envClock,
    limit: parseRateLimit(process.env),
  }),
);

export const unitDeps = /* @__PURE__ */ once(
  (): UnitDeps => ({ units: unitStore(), clock: envClock, newId: ulid }),
);

/** Accounts and keys: the key store is also the credentials its bootstrap checks. */
/** The deployment's dead-letter queues (named by the CDK app), or the local runtime's in-memory dead letters. */
export const deadLetters = /* @__PURE__ */ once(() => {
  const queues = process.env[ENV.deadLetterQueues];
  return queues
    ? new SqsDeadLetters(sqsClient(), JSON.parse(queues) as { queue: string; url: string }[])
    : new LocalDeadLetters(requiredEnv(ENV.localDeadLettersUrl));
});

export const accessDeps = /* @__PURE__ */ once((): AccessDeps => {
  const keys = new DynamoKeyStore(documentClient(), tableName());
  return {
    accounts: new DynamoKeyHolderStore(documentClient(), tableName(), ACCOUNTS),
    portals: new DynamoKeyHolderStore(documentClient(), tableName(), PORTALS),
    keys,
    tokens: keys,
    units: unitStore(),
    clock: envClock,
    newId: ulid,
  };
});

export const registrationDeps = /* @__PURE__ */ once(
  (): RegistrationDeps => ({
    registrations: registrationStore(),
    editions: editionStore(),
    units: unitStore(),
    hasher: idHasher(),
    clock: envClock,
    newId: ulid,
    deadlines: deadlineStore(),
  }),
);

/** Bulk imports: the check reads what eligibility and submission read; the commit submits as a unit would. */
export const importDeps = /* @__PURE__ */ once(
  (): ImportDeps => ({
    ...registrationDeps(),
    eligibility: eligibilityStore(),
    imports: new DynamoImportStore(documentClient(), tableName()),
    workbooks: excelImportWorkbooks,
  }),
);

export const eligibilityDeps = /* @__PURE__ */ once(
  (): EligibilityDeps => ({
    registrations: registrationStore(),
    editions: editionStore(),
    units: unitStore(),
    eligibility: eligibilityStore(),
    hasher: idHasher(),
    clock: envClock,
    newId: ulid,
  }),
);

const photoStorage = /* @__PURE__ */ once(() => new S3PhotoStorage(s3Client(), bucketName()));

export const photoDeps = /* @__PURE__ */ once(
  (): PhotoDeps => ({
    registrations: registrationStore(),
    editions: editionStore(),
    units: unitStore(),
    storage: photoStorage(),
    checker: new SharpPhotoChecker(),
    clock: envClock,
    newId: ulid,
    deadlines: deadlineStore(),
  }),
);

export const entryFormDeps = /* @__PURE__ */ once(
  (): EntryFormDeps => ({
    registrations: registrationStore(),
    editions: editionStore(),
    units: unitStore(),
    photos: photoStorage(),
    forms: docxEntryForms,
    archiver: memoryArchiver,
    clock: envClock,
  }),
);

export const summaryApiDeps = /* @__PURE__ */ once(
  (): SummaryApiDeps => ({
    summaries: summaryStore(),
    files: summaryFiles(),
    editions: editionStore(),
    clock: envClock,
    newId: ulid,
  }),
);

/** The summary builder: the only function that carries exceljs. */
export const summaryBuildDeps = /* @__PURE__ */ once(
  (): SummaryDeps => ({
    summaries: summaryStore(),
    workbooks: new S3WorkbookStorage(s3Client(), bucketName()),
    registrations: registrationStore(),
    units: unitStore(),
    editions: editionStore(),
    clock: envClock,
    newId: ulid,
    pageSize: SUMMARY_PAGE_SIZE,
    timeoutSeconds: BUILD_SUMMARY_TIMEOUT_SECONDS,
  }),
);

export const digestDeps = /* @__PURE__ */ once(
  (): DigestDeps => ({
    summaries: summaryStore(),
    files: summaryFiles(),
    apiUrl,
    registrations: registrationStore(),
    editions: editionStore(),
    pageSize: SUMMARY_PAGE_SIZE,
    timeoutSeconds: SEND_DIGEST_TIMEOUT_SECONDS,
    clock: envClock,
    mailer: mailer(),
  }),
);

export const notifyDeps = /* @__PURE__ */ once(
  (): NotifyDeps => ({
    mailer: mailer(),
    mailLog: mailLogStore(),
    clock: envClock,
    registrations: registrationStore(),
    units: unitStore(),
    editions: editionStore(),
  }),
);

/** The closing mails also read the units' overrides. */
export const closingNoticeDeps = /* @__PURE__ */ once(
  (): ClosingNoticeDeps => ({ ...notifyDeps(), deadlines: deadlineStore() }),
);

export const deadlineDeps = /* @__PURE__ */ once(
  (): DeadlineDeps => ({ ...closingNoticeDeps(), hasher: idHasher(), newId: ulid }),
);

export const overrideDeps = /* @__PURE__ */ once((): OverrideDeps => {
  const deadLetterArn = process.env[ENV.oneTimeScheduleDeadLetterArn];
  return {
    deadlines: deadlineStore(),
    editions: editionStore(),
    units: unitStore(),
    clock: envClock,
    schedules: new SchedulerOneTimeSchedules(schedulerClient(), {
      groupName: requiredEnv(ENV.oneTimeScheduleGroup),
      functionArn: requiredEnv(ENV.oneTimeScheduleTargetArn),
      roleArn: requiredEnv(ENV.oneTimeScheduleRoleArn),
      ...(deadLetterArn ? { deadLetterArn } : {}),
    }),
  };
});

/** Everything but the invocation's time budget, which each invocation brings. */
export const purgeDeps = /* @__PURE__ */ once(
  (): Omit<PurgeDeps, 'timeLeftMs'> => ({
    editions: editionStore(),
    purge: new DynamoPurgeStore(documentClient(), tableName()),
    objects: new S3ObjectPurger(s3Client(), bucketName()),
    mailer: mailer(),
    mailLog: mailLogStore(),
    clock: envClock,
  }),
);

/** Only the local runtime sets it: no deployment sends webhooks over plain http to the loopback address. */
const webhookLocalHttp = () => process.env[ENV.webhookLocalHttp] === 'true';

export const webhookDeps = /* @__PURE__ */ once((): WebhookDeps & DeliveryDeps => ({
  webhooks: new DynamoWebhookStore(documentClient(), tableName()),
  units: unitStore(),
  secrets: new AesGcmSecretBox(
    secretFromEnvironment(secretsManagerClient, { value: ENV.webhookKey, arn: ENV.webhookKeySecretArn }),
  ),
  sender: new HttpWebhookSender({ localHttp: webhookLocalHttp() }),
  clock: envClock,
  newId: ulid,
  localHttp: webhookLocalHttp(),
}));
