/**
 * The composition root of the summary functions, apart from shared/composition.ts so that exceljs and the S3 and
 * SES clients are bundled only into the functions that use them.
 */
import { ulid } from 'ulid';
import { documentClient, s3Client, sesV2Client } from './adapters/aws-clients.ts';
import { DynamoRegistrationStore } from './adapters/dynamodb/registration-store.ts';
import { DynamoSummaryStore } from './adapters/dynamodb/summary-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { S3SummaryFiles } from './adapters/s3-summary-files.ts';
import { SesV2Mailer } from './adapters/sesv2-mailer.ts';
import { editionStore, unitStore } from './composition.ts';
import { bucketName, mailFrom, tableName } from './config/config.ts';
import { once } from './lib/once.ts';
import type { DigestDeps } from './use-cases/digest.ts';
import type { SummaryDeps } from './use-cases/summaries.ts';

/** DynamoDB's own page limit (1 MB) usually ends a page first; this bounds a page of small items. */
const SUMMARY_PAGE_SIZE = 500;

export const summaryDeps = once(
  (): SummaryDeps => ({
    summaries: new DynamoSummaryStore(documentClient(), tableName()),
    files: new S3SummaryFiles(s3Client(), bucketName()),
    registrations: new DynamoRegistrationStore(documentClient(), tableName()),
    units: unitStore(),
    editions: editionStore(),
    clock: envClock,
    newId: ulid,
    pageSize: SUMMARY_PAGE_SIZE,
  }),
);

export const digestDeps = once(
  (): DigestDeps => ({ ...summaryDeps(), mailer: new SesV2Mailer(sesV2Client(), mailFrom()) }),
);
