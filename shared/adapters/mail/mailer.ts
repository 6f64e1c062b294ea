import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailConfig } from '#shared/config/mail-config.ts';
import { once } from '#shared/lib/once.ts';
import type { Mailer } from '#shared/ports/mailer.ts';
import { SesMailer } from './ses-mailer.ts';
import { SmtpMailer } from './smtp-mailer.ts';

/**
 * One SES client per process, kept here rather than in aws-clients.ts so that only the functions that send mail
 * bundle the SESv2 client.
 */
const sesClient = once(() => new SESv2Client({}));

/** The mail transport the configuration chooses; SMTP loads nodemailer only when it first sends. */
export function createMailer(config: MailConfig): Mailer {
  return config.transport === 'smtp'
    ? new SmtpMailer(config.smtpUrl, config.from)
    : new SesMailer(sesClient(), config.from);
}
