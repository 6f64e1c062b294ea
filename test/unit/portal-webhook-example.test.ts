/**
 * The portal reference client's webhook check (examples/portal-client/verify-webhook.ts): it accepts a delivery
 * signed as the Standard Webhooks specification says (signed here with node:crypto alone, as a sender would),
 * and refuses a tampered body, an old timestamp, another secret, and a secret that is not a `whsec_` one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../examples/portal-client/verify-webhook.ts';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({ id: 'evt_1', type: 'RegistrationSubmitted', registrationId: 'reg_1' });

/** The spec's signature: base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed by the decoded secret. */
function signed(payload: string, at = Math.floor(Date.now() / 1000), key = secret) {
  const id = 'msg_2Lh9OqlT3ZJ9VNdFyrfnh7Rt1fQ';
  const mac = createHmac('sha256', Buffer.from(key.slice('whsec_'.length), 'base64'))
    .update(`${id}.${at}.${payload}`)
    .digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': `v1,${mac}` };
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed per the spec, from plain or fetch headers', () => {
    const headers = signed(body);
    expect(verifyWebhook(secret, body, headers)).toEqual({
      webhookId: headers['webhook-id'],
      payload: JSON.parse(body),
    });
    expect(verifyWebhook(secret, body, new Headers(headers)).webhookId).toBe(headers['webhook-id']);
  });

  it('refuses a tampered body, an old timestamp and another secret', () => {
    expect(() => verifyWebhook(secret, body.replace('reg_1', 'reg_2'), signed(body))).toThrow();
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(() => verifyWebhook(secret, body, signed(body, tenMinutesAgo))).toThrow();
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => verifyWebhook(secret, body, signed(body, undefined, other))).toThrow();
  });

  it('refuses an unsigned delivery and a secret that is not a whsec_ one', () => {
    expect(() => verifyWebhook(secret, body, { 'webhook-id': 'msg_1' })).toThrow(/missing/);
    expect(() => verifyWebhook(secret.slice('whsec_'.length), body, signed(body))).toThrow(/whsec_/);
  });
});
