/** The composition root of the summary builder: the only function that carries exceljs. */
import { ulid } from 'ulid';
import { envClock } from './adapters/env-clock.ts';
import { s3Client } from './adapters/s3-client.ts';
import { S3WorkbookStorage } from './adapters/s3-workbook-storage.ts';
import { editionStore, registrationStore, unitStore } from './composition.ts';
import { bucketName } from './config/config.ts';
import { BUILD_SUMMARY_TIMEOUT_SECONDS } from './config/function-timeouts.ts';
import { once } from './lib/once.ts';
import { SUMMARY_PAGE_SIZE, summaryStore } from './summary-composition.ts';
import type { SummaryDeps } from './use-cases/summaries.ts';

export const summaryBuildDeps = once(
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
