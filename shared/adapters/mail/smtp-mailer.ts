import { createTransport, type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '#shared/ports/mailer.ts';
import { nodemailerMessage } from './mime.ts';

/** Sends through an SMTP server (the organisers' own, where a deployment must not use SES). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail(nodemailerMessage(this.from, message));
    return { messageId: info.messageId };
  }
}
