/** In-memory mail log and scripted mailers for unit tests of sending. */
import { vi } from 'vitest';
import type { MailKey, MailLogStore, MailRecord } from '#shared/ports/mail-log.ts';
import type { Mailer, MailMessage } from '#shared/ports/mailer.ts';

const id = (k: MailKey) => `${k.owner}\n${k.eventKey}\n${k.to}`;

/** The DynamoDB adapter's claim rule, in memory. */
export class InMemoryMailLog implements MailLogStore {
  readonly records = new Map<string, MailRecord>();

  async claim(key: MailKey, template: string, at: string, staleBefore: string) {
    const found = this.records.get(id(key));
    const free =
      !found || found.status === 'failed' || (found.status === 'sending' && found.updatedAt < staleBefore);
    if (!free) return false;
    this.records.set(id(key), {
      ...key,
      template,
      status: 'sending',
      attempts: (found?.attempts ?? 0) + 1,
      createdAt: found?.createdAt ?? at,
      updatedAt: at,
    });
    return true;
  }

  async settle(key: MailKey, outcome: Parameters<MailLogStore['settle']>[1], at: string) {
    const found = this.records.get(id(key));
    if (!found) throw new Error('settling an unclaimed mail');
    const detail = outcome.status === 'sent' ? { messageId: outcome.messageId } : { error: outcome.error };
    this.records.set(id(key), { ...found, status: outcome.status, updatedAt: at, ...detail });
  }

  async list(owner: string) {
    return [...this.records.values()].filter((r) => r.owner === owner);
  }
}

/** A mailer that fails its first `failures` sends (Infinity: always), then delivers. */
export function scriptedMailer(failures: number) {
  const delivered: MailMessage[] = [];
  let calls = 0;
  const send = vi.fn<Mailer['send']>(async (message) => {
    calls += 1;
    if (calls <= failures)
      throw Object.assign(new Error('451 try later'), { code: 'EENVELOPE', responseCode: 451 });
    delivered.push(message);
    return { messageId: `msg-${delivered.length}` };
  });
  return { mailer: { send } satisfies Mailer, delivered };
}
