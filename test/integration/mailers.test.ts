/**
 * The two mail adapters against servers on 127.0.0.1: SESv2 against the SES stand-in (Simple content, with
 * its attachments), SMTP against a minimal SMTP server that accepts and keeps the message.
 */
import { createServer, type Server } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SesStandIn, startSes } from '#infra/local/stand-ins/ses.ts';
import { SesMailer } from '#shared/adapters/mail/ses-mailer.ts';
import { SmtpMailer } from '#shared/adapters/mail/smtp-mailer.ts';
import type { MailMessage } from '#shared/ports/mailer.ts';

const FROM = 'registration@bayu-local.example';
const message: MailMessage = {
  to: ['unit@example.cn'],
  subject: '【人工智能训练师】报名成功',
  html: '<p>&lt;script&gt; 报名成功</p>',
  text: '<script> 报名成功',
};
const workbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]);

let ses: SesStandIn;
let smtp: Server;
let smtpPort: number;
const received: string[] = [];

/** Just enough SMTP to accept one message per connection. */
function startSmtp(): Promise<void> {
  smtp = createServer((socket) => {
    let data: string | undefined;
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      if (data !== undefined) {
        data += chunk.toString('utf8');
        if (data.endsWith('\r\n.\r\n')) {
          received.push(data);
          data = undefined;
          socket.write('250 OK queued\r\n');
        }
        return;
      }
      for (const line of chunk.toString('utf8').split('\r\n').filter(Boolean)) {
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
        else if (/^DATA/i.test(line)) {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((r) =>
    smtp.listen(0, '127.0.0.1', () => {
      smtpPort = (smtp.address() as { port: number }).port;
      r();
    }),
  );
}

beforeAll(async () => {
  ses = await startSes();
  await startSmtp();
});
afterAll(async () => {
  await ses?.stop();
  smtp?.close();
});

async function stored(): Promise<any[]> {
  return ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: any[] }).emails;
}

describe('the SES mailer', () => {
  const client = () =>
    new SESv2Client({
      endpoint: ses.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  it('sends both bodies as Simple content from the configured sender', async () => {
    const { messageId } = await new SesMailer(client(), FROM).send(message);
    const mail = (await stored()).find((m) => m.messageId === messageId);
    expect(mail).toMatchObject({
      from: FROM,
      destination: { to: ['unit@example.cn'] },
      subject: message.subject,
      body: { html: message.html, text: message.text },
    });
  });

  it('sends attachments with the Simple content, the attachment byte for byte', async () => {
    const { messageId } = await new SesMailer(client(), FROM).send({
      ...message,
      attachments: [{ filename: '汇总表.xlsx', contentType: 'application/vnd.ms-excel', content: workbook }],
    });
    const mail = (await stored()).find((m) => m.messageId === messageId);
    expect(mail.subject).toBe(message.subject);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('汇总表.xlsx');
    expect(Buffer.from(mail.attachments[0].content, 'base64')).toEqual(Buffer.from(workbook));
  });
});

describe('the SMTP mailer', () => {
  it('delivers the message to the configured server, both bodies and the attachment included', async () => {
    const { messageId } = await new SmtpMailer(`smtp://127.0.0.1:${smtpPort}`, FROM).send({
      ...message,
      attachments: [{ filename: 'summary.xlsx', contentType: 'application/vnd.ms-excel', content: workbook }],
    });
    expect(messageId).toMatch(/@/);
    const raw = received.at(-1) ?? '';
    expect(raw).toContain(`From: ${FROM}`);
    expect(raw).toContain('To: unit@example.cn');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toContain('Content-Type: text/plain');
    expect(raw).toContain('filename=summary.xlsx');
  });
});
