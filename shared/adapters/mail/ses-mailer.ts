import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, MailMessage } from '#shared/ports/mailer.ts';
import { mimeMessage } from './mime.ts';

/** Sends through SES (SESv2): Simple content, or a raw MIME message when there are attachments. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const content = message.attachments?.length
      ? { Raw: { Data: await mimeMessage(this.from, message) } }
      : {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Html: { Data: message.html, Charset: 'UTF-8' },
              Text: { Data: message.text, Charset: 'UTF-8' },
            },
          },
        };
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: message.to },
        Content: content,
      }),
    );
    if (!MessageId) throw new Error('SES returned no message id');
    return { messageId: MessageId };
  }
}
