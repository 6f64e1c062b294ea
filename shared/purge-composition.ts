/** The composition root of the purge function: the table, the bucket and the mail transports. */
import { documentClient } from './adapters/aws-clients.ts';
import { DynamoPurgeStore } from './adapters/dynamodb/purge-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { createMailer } from './adapters/mail/mailer.ts';
import { s3Client } from './adapters/s3-client.ts';
import { S3ObjectPurger } from './adapters/s3-object-purger.ts';
import { editionStore, mailLogStore } from './composition.ts';
import { bucketName, tableName } from './config/config.ts';
import { mailConfig } from './config/mail-config.ts';
import { once } from './lib/once.ts';
import type { PurgeDeps } from './use-cases/purge.ts';

/** Everything but the invocation's time budget, which each invocation brings. */
export const purgeDeps = once(
  (): Omit<PurgeDeps, 'timeLeftMs'> => ({
    editions: editionStore(),
    purge: new DynamoPurgeStore(documentClient(), tableName()),
    objects: new S3ObjectPurger(s3Client(), bucketName()),
    mailer: createMailer(mailConfig()),
    mailLog: mailLogStore(),
    clock: envClock,
  }),
);
