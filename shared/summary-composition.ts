/**
 * The composition root of the summary API and the digest, apart from shared/composition.ts so that the S3 and
 * SES clients are bundled only into the functions that use them. The builder's (with exceljs) is
 * summary-build-composition.ts.
 */
import { ulid } from 'ulid';
import { documentClient, s3Client, sesV2Client } from './adapters/aws-clients.ts';
import { DynamoRegistrationStore } from './adapters/dynamodb/registration-store.ts';
import { DynamoSummaryStore } from './adapters/dynamodb/summary-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { S3SummaryFiles } from './adapters/s3-summary-files.ts';
import { SesV2Mailer } from './adapters/sesv2-mailer.ts';
import { editionStore } from './composition.ts';
import { bucketName, mailFrom, tableName } from './config/config.ts';
import { once } from './lib/once.ts';
import type { DigestDeps } from './use-cases/digest.ts';
import type { SummaryApiDeps } from './use-cases/summaries.ts';

/** DynamoDB's own page limit (1 MB) usually ends a page first; this bounds a page of small items. */
export const SUMMARY_PAGE_SIZE = 500;

export const summaryStore = once(() => new DynamoSummaryStore(documentClient(), tableName()));
export const registrationReader = once(() => new DynamoRegistrationStore(documentClient(), tableName()));
const summaryFiles = once(() => new S3SummaryFiles(s3Client(), bucketName()));

export const summaryApiDeps = once(
  (): SummaryApiDeps => ({
    summaries: summaryStore(),
    files: summaryFiles(),
    editions: editionStore(),
    clock: envClock,
    newId: ulid,
  }),
);

export const digestDeps = once(
  (): DigestDeps => ({
    summaries: summaryStore(),
    files: summaryFiles(),
    registrations: registrationReader(),
    editions: editionStore(),
    pageSize: SUMMARY_PAGE_SIZE,
    mailer: new SesV2Mailer(sesV2Client(), mailFrom()),
  }),
);
