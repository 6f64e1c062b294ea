/** Reads the mails the local runtime sent, through its `/local/outbox` route (the SES stand-in's store). */
import type { LocalRuntime } from '#infra/local/runtime.ts';

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

export async function outbox(runtime: LocalRuntime): Promise<StoredMail[]> {
  const response = await fetch(`${runtime.baseUrl}/local/outbox`);
  return ((await response.json()) as { emails: StoredMail[] }).emails;
}

/** The mails whose text names `name` (the unit's name is in every unit mail's greeting). */
export const mailsNaming = (mails: StoredMail[], name: string) =>
  mails.filter((m) => m.body.text?.includes(name));
