/**
 * Webhooks' pure parts: signatures a Standard Webhooks receiver accepts, the retry schedule, where an endpoint
 * may be (at registration and before each attempt, with a fake resolver: no network), secrets at rest, and
 * the sweep's rounds.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '#shared/adapters/aes-gcm-secret-box.ts';
import { HttpWebhookSender, type Resolve } from '#shared/adapters/http-webhook-sender.ts';
import { isPublicUnicast, webhookUrlError } from '#shared/domain/webhook-address.ts';
import { nextAttemptMs, RETRY_DELAYS_MS, retryAfterSeconds } from '#shared/domain/webhook-retries.ts';
import { newWebhookSecret, signedHeaders } from '#shared/domain/webhook-signature.ts';
import type { WebhookStore } from '#shared/ports/webhooks.ts';
import {
  type DeliveryDeps,
  retryDueDeliveries,
  SWEEP_LIMIT,
  SWEEP_ROUND_MS,
} from '#shared/use-cases/webhook-deliveries.ts';

describe('signatures', () => {
  it('are accepted by the standardwebhooks package, and refused for another body or secret', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({
      type: 'RegistrationSubmitted',
      timestamp: '2023-09-01T00:00:00Z',
      data: {},
    });
    const headers = signedHeaders(secret, 'msg_1', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('are refused by the package when the timestamp is stale', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders(secret, 'msg_1', Math.floor(Date.now() / 1000) - 600, '{}');
    expect(() => new Webhook(secret).verify('{}', headers)).toThrow(/timestamp/i);
  });
});

describe('the retry schedule', () => {
  const first = Date.parse('2023-09-01T00:00:00Z');

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h after the attempts, spread by at most 10 %', () => {
    let now = first;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const next = nextAttemptMs({ attempt, firstAttemptMs: first, nowMs: now }, () => 0.5)!;
      delays.push(next - now);
      now = next;
    }
    expect(delays).toEqual(RETRY_DELAYS_MS.slice(0, 8));
    const [low, high] = [0, 0.999_999].map(
      (r) => nextAttemptMs({ attempt: 2, firstAttemptMs: first, nowMs: first }, () => r)! - first,
    );
    expect(low).toBe(270_000);
    expect(high).toBe(330_000);
  });

  it('gives up after the last step, and anything due more than 3 days after the first attempt', () => {
    expect(nextAttemptMs({ attempt: 10, firstAttemptMs: first, nowMs: first }, () => 0.5)).toBeUndefined();
    // The 9th step (24 h) from 2 days 1 h in lands past the 3 days.
    const late = first + 49 * 3600_000;
    expect(nextAttemptMs({ attempt: 9, firstAttemptMs: first, nowMs: late }, () => 0.5)).toBeUndefined();
    expect(
      nextAttemptMs({ attempt: 9, firstAttemptMs: first, nowMs: first + 47 * 3600_000 }, () => 0.5),
    ).toBe(first + 71 * 3600_000);
  });

  it("honours a throttling receiver's Retry-After between 5 s and 24 h", () => {
    const at = (retryAfterSeconds: number) =>
      nextAttemptMs({ attempt: 3, firstAttemptMs: first, nowMs: first, retryAfterSeconds }, () => 0.5)! -
      first;
    expect(at(120)).toBe(120_000);
    expect(at(0)).toBe(5_000);
    expect(at(10 * 24 * 3600)).toBe(24 * 3600_000);
    expect(retryAfterSeconds('90', first)).toBe(90);
    expect(retryAfterSeconds(new Date(first + 30_000).toUTCString(), first)).toBe(30);
    expect(retryAfterSeconds('soon', first)).toBeUndefined();
  });
});

describe('endpoint addresses', () => {
  it('are public unicast only', () => {
    for (const address of ['93.184.216.34', '2606:4700:4700::1111'])
      expect(isPublicUnicast(address)).toBe(true);
    const refused = [
      '10.1.2.3', // private
      '172.16.0.1',
      '192.168.1.1',
      '127.0.0.1', // loopback
      '::1',
      '169.254.169.254', // link-local (the instance metadata service)
      'fe80::1',
      'fc00::1', // unique local
      '100.64.0.1', // carrier-grade NAT
      '0.0.0.0', // unspecified
      '::',
      '224.0.0.1', // multicast
      'ff02::1',
      '240.0.0.1', // reserved
      '2001:db8::1',
      '::ffff:127.0.0.1', // IPv4-mapped
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1', // NAT64 of 10.0.0.1
      '2002:a00:1::1', // 6to4 of 10.0.0.1
      'not an address',
    ];
    for (const address of refused) expect(isPublicUnicast(address), address).toBe(false);
  });

  it('are refused at registration with a field error at /url', () => {
    const refused = [
      'http://portal.example.cn/hook',
      'https://10.0.0.1/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest',
      'https://localhost/hook',
      'https://intranet/hook',
      'https://user:pass@portal.example.cn/hook',
      'portal.example.cn/hook',
      'http://127.0.0.1:8080/hook',
    ];
    for (const url of refused) {
      expect(webhookUrlError(url, { localHttp: false }), url).toMatchObject({
        path: '/url',
        code: 'INVALID_VALUE',
      });
    }
    expect(webhookUrlError('https://portal.example.cn/hook', { localHttp: false })).toBeUndefined();
    expect(webhookUrlError('http://127.0.0.1:8080/hook', { localHttp: true })).toBeUndefined();
    expect(webhookUrlError('http://localhost:8080/hook', { localHttp: true })).toBeDefined();
  });

  it('are resolved and checked before each attempt: one private address refuses the attempt unsent', async () => {
    const asked: string[] = [];
    const resolving =
      (...addresses: string[]): Resolve =>
      async (host) => {
        asked.push(host);
        return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      };
    const request = { url: 'https://hooks.portal.example.cn/in', headers: {}, body: '{}' };
    for (const addresses of [['10.0.0.7'], ['93.184.216.34', '127.0.0.1'], ['::ffff:169.254.169.254'], []]) {
      const sender = new HttpWebhookSender({ localHttp: false, resolve: resolving(...addresses) });
      expect(await sender.send(request), addresses.join()).toMatchObject({ error: 'address-refused' });
    }
    expect(asked).toEqual(Array(4).fill('hooks.portal.example.cn'));
    const failing = new HttpWebhookSender({
      localHttp: false,
      resolve: async () => {
        throw new Error('ENOTFOUND');
      },
    });
    expect(await failing.send(request)).toMatchObject({ error: 'dns' });
    // Plain http is never sent outside the local runtime, whatever it resolves to.
    const plain = new HttpWebhookSender({ localHttp: false, resolve: resolving('93.184.216.34') });
    expect(await plain.send({ ...request, url: 'http://127.0.0.1:9/in' })).toMatchObject({
      error: 'address-refused',
    });
  });
});

describe('secrets at rest', () => {
  it('open only under the same key, for the endpoint they were sealed for', async () => {
    const box = new AesGcmSecretBox(async () => 'deployment-key-1');
    const secret = newWebhookSecret();
    const sealed = await box.seal(secret, 'wh_1');
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(await box.open(sealed, 'wh_1')).toBe(secret);
    await expect(box.open(sealed, 'wh_2')).rejects.toThrow();
    await expect(new AesGcmSecretBox(async () => 'deployment-key-2').open(sealed, 'wh_1')).rejects.toThrow();
  });
});

describe('the sweep', () => {
  /** A store whose due list shrinks as rounds take it; every claim is lost (another sender took it). */
  const sweeping = (dueCounts: number[]) => {
    const rounds: number[] = [];
    const webhooks = {
      dueDeliveries: async (_now: number, limit: number) => {
        const count = Math.min(dueCounts[rounds.length] ?? 0, limit);
        rounds.push(count);
        return Array.from({ length: count }, (_, i) => ({ webhookId: 'wh_1', messageId: `evt_${i}` }));
      },
      claim: async () => undefined,
    } as unknown as WebhookStore;
    const deps = { webhooks, clock: { nowMs: () => 0 } } as unknown as DeliveryDeps;
    return { deps, rounds };
  };

  it('takes round after round while rounds come back full and another fits in the time left', async () => {
    const { deps, rounds } = sweeping([SWEEP_LIMIT, SWEEP_LIMIT, 3]);
    expect(await retryDueDeliveries(deps, () => 60_000)).toBe(2 * SWEEP_LIMIT + 3);
    expect(rounds).toEqual([SWEEP_LIMIT, SWEEP_LIMIT, 3]);
  });

  it('leaves the rest to the next sweep when another round would not fit', async () => {
    const { deps, rounds } = sweeping([SWEEP_LIMIT, SWEEP_LIMIT]);
    expect(await retryDueDeliveries(deps, () => SWEEP_ROUND_MS - 1)).toBe(SWEEP_LIMIT);
    expect(rounds).toEqual([SWEEP_LIMIT]);
  });
});
