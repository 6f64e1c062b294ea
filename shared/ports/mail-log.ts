/**
 * The record of every email: it makes sending idempotent per (event, recipient) — a mail is claimed before it
 * is sent — and answers the secretariat's "did we tell them?".
 */
export type MailStatus = 'sending' | 'sent' | 'failed';

export interface MailKey {
  /** Whose record it is: a unit id, or `secretariat`. */
  owner: string;
  /** The event (or reminder) the mail answers. */
  eventKey: string;
  /** The recipient address. */
  to: string;
}

export interface MailRecord extends MailKey {
  template: string;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  messageId?: string;
  /** Why the last attempt failed (the transport's error name and code, never the message's content). */
  error?: string;
}

export interface MailLogStore {
  /**
   * Claims the mail for one sending attempt at `at`. Refused (false) when it was sent, or when another attempt
   * claimed it after `staleBefore` and may still be sending; a failed or abandoned attempt may be claimed again.
   */
  claim(key: MailKey, template: string, at: string, staleBefore: string): Promise<boolean>;
  settle(
    key: MailKey,
    outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string },
    at: string,
  ): Promise<void>;
  /** Every mail of an owner, newest first. */
  list(owner: string): Promise<MailRecord[]>;
}
