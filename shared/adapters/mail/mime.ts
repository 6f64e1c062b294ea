import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailMessage } from '#shared/ports/mailer.ts';

/** The nodemailer message of a MailMessage: one shape for the SMTP transport and for SES raw messages. */
export function nodemailerMessage(from: string, message: MailMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content),
    })),
  };
}

/** A complete MIME message (headers, both bodies, attachments), as SES raw content takes it. */
export function mimeMessage(from: string, message: MailMessage): Promise<Buffer> {
  return new MailComposer(nodemailerMessage(from, message)).compile().build();
}
