import type { Mail } from '#shared/domain/mail/templates.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { MailKey, MailLogStore } from '#shared/ports/mail-log.ts';
import type { MailAttachment, Mailer } from '#shared/ports/mailer.ts';

export interface MailDeps {
  mailer: Mailer;
  mailLog: MailLogStore;
  clock: Clock;
}

/** An attempt still marked `sending` after this long died mid-way; the mail may be claimed again. */
const SENDING_LEASE_MS = 5 * 60_000;

export interface Outgoing {
  key: MailKey;
  mail: Mail;
  /** Files sent with the mail (e.g. a digest's workbook). */
  attachments?: MailAttachment[];
}

/** The event's part of a mail's idempotency key: one mail per (event, recipient). */
export const eventKey = (eventId: string) => `event:${eventId}`;

/** What is recorded of a failure: the error's kind, never the message it was sending. */
const describe = (error: unknown) => {
  const e = error as { name?: string; code?: string; responseCode?: number };
  return [e.name ?? 'Error', e.code, e.responseCode].filter((part) => part !== undefined).join(' ');
};

/**
 * Sends each mail at most once per key, whatever number of times it is asked: a mail is claimed in the log
 * before it is sent and marked sent after. Every mail is tried; when any failed, the failures are recorded and
 * an error is thrown so the invocation is retried (and ends in the dead-letter queue if it keeps failing).
 */
export async function sendOnce(deps: MailDeps, outgoing: Outgoing[]): Promise<{ sent: number }> {
  let sent = 0;
  const failures: unknown[] = [];
  for (const { key, mail, attachments } of outgoing) {
    const now = deps.clock.nowMs();
    const claimed = await deps.mailLog.claim(key, mail.template, isoAt(now), isoAt(now - SENDING_LEASE_MS));
    if (!claimed) continue;
    try {
      const { subject, html, text } = mail;
      const { messageId } = await deps.mailer.send({
        to: [key.to],
        subject,
        html,
        text,
        ...(attachments ? { attachments } : {}),
      });
      await deps.mailLog.settle(key, { status: 'sent', messageId }, isoAt(deps.clock.nowMs()));
      sent += 1;
    } catch (error) {
      failures.push(error);
      // The send's failure is what must surface; a log that cannot record it only delays the retry (lease).
      await deps.mailLog
        .settle(key, { status: 'failed', error: describe(error) }, isoAt(deps.clock.nowMs()))
        .catch((logError: unknown) => failures.push(logError));
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} of ${outgoing.length} mails could not be sent`);
  }
  return { sent };
}
