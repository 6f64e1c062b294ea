import { describe, expect, it } from 'vitest';
import type { Mail } from '#shared/domain/mail/templates.ts';
import { type MailDeps, sendOnce } from '#shared/use-cases/send-mail.ts';
import { InMemoryMailLog, scriptedMailer } from '../support/fake-mail.ts';
import { FixedClock } from '../support/fake-ports.ts';

const mail: Mail = { template: 'receipt-submitted', subject: '回执', html: '<p>回执</p>', text: '回执' };
const key = { owner: 'unit_1', eventKey: 'event:e1', to: 'unit@example.cn' };

function deps(failures: number) {
  const clock = new FixedClock('2023-09-01T01:00:00Z');
  const mailLog = new InMemoryMailLog();
  const { mailer, delivered } = scriptedMailer(failures);
  return { deps: { mailer, mailLog, clock } satisfies MailDeps, mailLog, delivered, mailer, clock };
}

/** Delivers like the bus: the same event again after each failure, up to `attempts` times. */
async function deliver(d: MailDeps, attempts: number): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let i = 0; i < attempts; i++) {
    try {
      await sendOnce(d, [{ key, mail }]);
      return errors;
    } catch (error) {
      errors.push(error);
    }
  }
  return errors;
}

describe('sending a mail once per (event, recipient)', () => {
  it('sends one mail for the same event delivered three times', async () => {
    const { deps: d, delivered, mailLog } = deps(0);
    for (let i = 0; i < 3; i++) await sendOnce(d, [{ key, mail }]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toEqual({
      to: ['unit@example.cn'],
      subject: '回执',
      html: '<p>回执</p>',
      text: '回执',
    });
    expect([...mailLog.records.values()]).toEqual([
      expect.objectContaining({
        ...key,
        template: 'receipt-submitted',
        status: 'sent',
        attempts: 1,
        messageId: 'msg-1',
      }),
    ]);
  });

  it('sends exactly one mail when the transport fails twice, then succeeds', async () => {
    const { deps: d, delivered, mailer, mailLog } = deps(2);
    const errors = await deliver(d, 3);
    expect(errors).toHaveLength(2);
    expect(mailer.send).toHaveBeenCalledTimes(3);
    expect(delivered).toHaveLength(1);
    expect([...mailLog.records.values()][0]).toMatchObject({ status: 'sent', attempts: 3 });
    await sendOnce(d, [{ key, mail }]);
    expect(mailer.send).toHaveBeenCalledTimes(3);
  });

  it('records the failure (its kind, not the message) and throws every time when the transport always fails', async () => {
    const { deps: d, delivered, mailLog } = deps(Number.POSITIVE_INFINITY);
    const errors = await deliver(d, 3);
    expect(errors).toHaveLength(3);
    expect(delivered).toEqual([]);
    expect([...mailLog.records.values()][0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'Error EENVELOPE 451',
    });
  });

  it('sends the attachments of a mail', async () => {
    const { deps: d, delivered } = deps(0);
    const workbook = {
      filename: '汇总表.xlsx',
      contentType: 'application/vnd.ms-excel',
      content: new Uint8Array([1, 2]),
    };
    await sendOnce(d, [{ key, mail, attachments: [workbook] }]);
    expect(delivered[0]?.attachments).toEqual([workbook]);
  });

  it('tries every mail of a batch and throws for the ones that failed', async () => {
    const { deps: d, delivered } = deps(1);
    const second = { ...key, to: 'other@example.cn' };
    await expect(
      sendOnce(d, [
        { key, mail },
        { key: second, mail },
      ]),
    ).rejects.toThrow('1 of 2 mails');
    expect(delivered.map((m) => m.to)).toEqual([['other@example.cn']]);
    expect(
      await sendOnce(d, [
        { key, mail },
        { key: second, mail },
      ]),
    ).toEqual({ sent: 1 });
  });

  it('lets a new attempt take a mail whose sender died mid-way, only after the lease', async () => {
    const { deps: d, mailLog, clock, delivered } = deps(0);
    await mailLog.claim(key, mail.template, '2023-09-01T01:00:00.000Z', '2023-09-01T00:55:00.000Z');
    expect(await sendOnce(d, [{ key, mail }])).toEqual({ sent: 0 });
    clock.set('2023-09-01T01:05:01Z');
    expect(await sendOnce(d, [{ key, mail }])).toEqual({ sent: 1 });
    expect(delivered).toHaveLength(1);
  });
});
