/**
 * The composition root of the summary API, apart from shared/composition.ts so that the S3 client is bundled
 * only into the functions that use it. The builder's (with exceljs) is summary-build-composition.ts; the
 * digest's (with the mail transports) is digest-composition.ts.
 */
import { ulid } from 'ulid';
import { documentClient } from './adapters/aws-clients.ts';
import { DynamoSummaryStore } from './adapters/dynamodb/summary-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { s3Client } from './adapters/s3-client.ts';
import { S3SummaryFiles } from './adapters/s3-summary-files.ts';
import { editionStore } from './composition.ts';
import { bucketName, tableName } from './config/config.ts';
import { once } from './lib/once.ts';
import type { SummaryApiDeps } from './use-cases/summaries.ts';

/** DynamoDB's own page limit (1 MB) usually ends a page first; this bounds a page of small items. */
export const SUMMARY_PAGE_SIZE = 500;

export const summaryStore = once(() => new DynamoSummaryStore(documentClient(), tableName()));
export const summaryFiles = once(() => new S3SummaryFiles(s3Client(), bucketName()));

export const summaryApiDeps = once(
  (): SummaryApiDeps => ({
    summaries: summaryStore(),
    files: summaryFiles(),
    editions: editionStore(),
    clock: envClock,
    newId: ulid,
  }),
);
