/**
 * The composition root of the digest function: the summary files and the mail transports, kept out of the
 * summary API's bundle.
 */
import { envClock } from './adapters/env-clock.ts';
import { createMailer } from './adapters/mail/mailer.ts';
import { editionStore, registrationStore } from './composition.ts';
import { apiUrl } from './config/config.ts';
import { SEND_DIGEST_TIMEOUT_SECONDS } from './config/function-timeouts.ts';
import { mailConfig } from './config/mail-config.ts';
import { once } from './lib/once.ts';
import { SUMMARY_PAGE_SIZE, summaryFiles, summaryStore } from './summary-composition.ts';
import type { DigestDeps } from './use-cases/digest.ts';

export const digestDeps = once(
  (): DigestDeps => ({
    summaries: summaryStore(),
    files: summaryFiles(),
    apiUrl,
    registrations: registrationStore(),
    editions: editionStore(),
    pageSize: SUMMARY_PAGE_SIZE,
    clock: envClock,
    mailer: createMailer(mailConfig()),
    timeoutSeconds: SEND_DIGEST_TIMEOUT_SECONDS,
  }),
);
