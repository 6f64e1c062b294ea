/**
 * The composition root of the functions that send mail, apart from composition.ts so that the other functions'
 * bundles do not carry the mail transports (nodemailer, SESv2).
 */
import { ulid } from 'ulid';
import { envClock } from './adapters/env-clock.ts';
import { createMailer } from './adapters/mail/mailer.ts';
import {
  deadlineStore,
  editionStore,
  mailLogStore,
  registrationDeps,
  registrationStore,
  unitStore,
} from './composition.ts';
import { mailConfig } from './config/mail-config.ts';
import { once } from './lib/once.ts';
import type { ClosingNoticeDeps } from './use-cases/closing-notices.ts';
import type { DeadlineDeps } from './use-cases/deadlines.ts';
import type { NotifyDeps } from './use-cases/notifications.ts';

export const notifyDeps = once(
  (): NotifyDeps => ({
    mailer: createMailer(mailConfig()),
    mailLog: mailLogStore(),
    clock: envClock,
    registrations: registrationStore(),
    units: unitStore(),
    editions: editionStore(),
  }),
);

/** The closing mails also read the units' overrides. */
export const closingNoticeDeps = once(
  (): ClosingNoticeDeps => ({ ...notifyDeps(), deadlines: deadlineStore() }),
);

export const deadlineDeps = once(
  (): DeadlineDeps => ({
    ...closingNoticeDeps(),
    hasher: registrationDeps().hasher,
    newId: ulid,
  }),
);
