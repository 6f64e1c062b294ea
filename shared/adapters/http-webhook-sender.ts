import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, isLocalHttpTarget, isPublicUnicast } from '#shared/domain/webhook-address.ts';
import type { SendResult, WebhookSender } from '#shared/ports/webhooks.ts';

/** A host name's addresses (every one, as the system resolver gives them). */
export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/** A receiver that has not answered in this long is a failed attempt (and a retry). */
const SEND_TIMEOUT_MS = 15_000;

interface HttpWebhookSenderOptions {
  /** The local runtime only: `http://127.0.0.1:<port>` is sent to without the address checks. */
  localHttp: boolean;
  resolve?: Resolve;
  timeoutMs?: number;
}

/**
 * Posts webhooks with node:https: the host resolved before each attempt and refused unless every address is
 * public unicast, then the connection pinned to the address checked (the `lookup` option), so a name that
 * resolves differently a moment later (DNS rebinding) cannot redirect it. No connection is pooled (each attempt
 * resolves afresh), no redirect is followed (node never follows one), and an attempt ends after 15 s.
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly options: HttpWebhookSenderOptions) {}

  async send(request: { url: string; headers: Record<string, string>; body: string }): Promise<SendResult> {
    const started = performance.now();
    const took = () => performance.now() - started;
    const url = new URL(request.url);
    let pinned: LookupFunction | undefined;
    if (!(this.options.localHttp && isLocalHttpTarget(url))) {
      if (url.protocol !== 'https:') return { error: 'address-refused', durationMs: took() };
      let addresses: Awaited<ReturnType<Resolve>>;
      try {
        addresses = await (this.options.resolve ?? systemResolve)(hostOf(url));
      } catch {
        return { error: 'dns', durationMs: took() };
      }
      const [first] = addresses;
      if (!first || addresses.some((a) => !isPublicUnicast(a.address))) {
        return { error: 'address-refused', durationMs: took() };
      }
      pinned = (_host, options, callback) =>
        options.all ? callback(null, [first]) : callback(null, first.address, first.family);
    }
    const timeoutMs = this.options.timeoutMs ?? SEND_TIMEOUT_MS;
    return new Promise((resolve) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
          ...(pinned ? { lookup: pinned } : {}),
        },
        (res) => {
          // The answer's status is all that counts; its body is read and dropped.
          res.resume();
          const retryAfter = res.headers['retry-after'];
          resolve({
            statusCode: res.statusCode ?? 0,
            ...(retryAfter ? { retryAfter } : {}),
            durationMs: took(),
          });
        },
      );
      req.on('error', (error) => {
        const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
        resolve({ error: timedOut ? 'timeout' : 'connection', durationMs: took() });
      });
      req.end(request.body);
    });
  }
}
