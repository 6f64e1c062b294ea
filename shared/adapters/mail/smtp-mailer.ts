import type { Transporter } from 'nodemailer';
import { once } from '#shared/lib/once.ts';
import type { Mailer, MailMessage } from '#shared/ports/mailer.ts';

/**
 * Sends through an SMTP server (the organisers' own, where a deployment must not use SES). nodemailer is loaded
 * with the first message, not with this module: every function that mails imports this module through the
 * mailer factory, and the deployed ones, which send through SES, leave nodemailer out of their bundles
 * (infra/cdk/bundling.ts).
 */
export class SmtpMailer implements Mailer {
  private readonly transport: () => Promise<Transporter>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = once(async () => (await import('nodemailer')).createTransport(smtpUrl));
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await (await this.transport()).sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: (message.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content),
      })),
    });
    return { messageId: info.messageId };
  }
}
