/**
 * Verifies a webhook delivery as the Standard Webhooks specification defines it, with the `standardwebhooks`
 * package: the `webhook-signature` must be an HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}` under
 * the endpoint's secret (`whsec_…`, shown once when the endpoint was registered), and the timestamp within five
 * minutes of now. Verify the raw body, as it arrived: a body parsed and serialised again no longer matches.
 */
import { Webhook } from 'standardwebhooks';

export interface VerifiedDelivery {
  /** The same on every retry of one delivery: store it, and ignore a delivery already seen. */
  webhookId: string;
  /** The thin event (ids and states, as the change feed's items): fetch the entry it names for the rest. */
  payload: unknown;
}

/** Incoming headers as Node's http module or fetch's Headers give them. */
export type IncomingHeaders = Headers | Record<string, string | string[] | undefined>;

const REQUIRED = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function headerRecord(headers: IncomingHeaders): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

/**
 * The delivery, when its signature and timestamp hold; throws otherwise (answer it 400 and do not act on it).
 */
export function verifyWebhook(secret: string, rawBody: string, headers: IncomingHeaders): VerifiedDelivery {
  if (!secret.startsWith('whsec_')) throw new Error('the secret must be the whsec_… one the API showed');
  const record = headerRecord(headers);
  const missing = REQUIRED.filter((name) => !record[name]);
  if (missing.length > 0) throw new Error(`not a signed delivery: missing ${missing.join(', ')}`);
  const payload = new Webhook(secret).verify(rawBody, record);
  return { webhookId: record['webhook-id'] as string, payload };
}
