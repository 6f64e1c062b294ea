import type { MailConfig } from '#shared/config/mail-config.ts';
import type { Mailer } from '#shared/ports/mailer.ts';
import { sesClient } from '../aws-clients.ts';
import { SesMailer } from './ses-mailer.ts';
import { SmtpMailer } from './smtp-mailer.ts';

/** The mail transport the configuration chooses. */
export function createMailer(config: MailConfig): Mailer {
  return config.transport === 'smtp'
    ? new SmtpMailer(config.smtpUrl, config.from)
    : new SesMailer(sesClient(), config.from);
}
