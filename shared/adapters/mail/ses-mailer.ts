import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, MailMessage } from '#shared/ports/mailer.ts';

/**
 * Sends through SES (SESv2) as Simple content, attachments included: SES composes the MIME message, so the
 * functions that mail carry no MIME library (nodemailer's composer alone weighed 135 KiB in each bundle).
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const attachments = message.attachments ?? [];
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: message.to },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Html: { Data: message.html, Charset: 'UTF-8' },
              Text: { Data: message.text, Charset: 'UTF-8' },
            },
            ...(attachments.length > 0
              ? {
                  Attachments: attachments.map((a) => ({
                    FileName: a.filename,
                    ContentType: a.contentType,
                    RawContent: a.content,
                  })),
                }
              : {}),
          },
        },
      }),
    );
    if (!MessageId) throw new Error('SES returned no message id');
    return { messageId: MessageId };
  }
}
