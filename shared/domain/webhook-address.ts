/**
 * Where a webhook may be sent. In AWS: https only, to a host whose every resolved address is public unicast (a
 * private, loopback, link-local, shared (CGNAT), reserved, multicast or IPv4-embedding IPv6 address would let a
 * caller reach inside the deployment's network). The sender resolves the name before each attempt, checks every
 * address and connects to the one it checked. The local runtime alone allows `http://127.0.0.1:<port>`, so a
 * receiver on the same machine can be tested; that is a setting it passes, never a default.
 */
import ipaddr from 'ipaddr.js';
import type { FieldError } from './registration-input.ts';

const MAX_URL_LENGTH = 2048;

/** The URL's host as a resolver or an address check takes it: an IPv6 literal without its brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** True when `address` is an IP address in the public unicast range (ipaddr.js's `unicast`, nothing else). */
export function isPublicUnicast(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.parse(address).range() === 'unicast';
}

/** `http://127.0.0.1:<port>/...`: the only plain-http target, and only where the local runtime allows it. */
export function isLocalHttpTarget(url: URL): boolean {
  return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '';
}

/** Why a URL cannot be a webhook endpoint (a field error at `/url`), or undefined when it can. */
export function webhookUrlError(text: string, options: { localHttp: boolean }): FieldError | undefined {
  const refuse = (message: string, messageZh: string): FieldError => ({
    path: '/url',
    code: 'INVALID_VALUE',
    message,
    messageZh,
  });
  if (text.length > MAX_URL_LENGTH) return refuse('must be at most 2048 characters', '网址过长');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('must be an absolute URL', '请填写完整的网址');
  }
  if (url.username || url.password) return refuse('must not carry credentials', '网址中不能包含用户名或密码');
  if (options.localHttp && isLocalHttpTarget(url)) return undefined;
  if (url.protocol !== 'https:') return refuse('must be an https URL', '只接受 https 网址');
  // A literal address is checked now; a name is resolved and checked before every attempt.
  const host = hostOf(url);
  if (ipaddr.isValid(host) && !isPublicUnicast(host)) {
    return refuse('must be a public address', '不能是内网、本机或保留地址');
  }
  if (host === 'localhost' || host.endsWith('.localhost') || (!host.includes('.') && !ipaddr.isValid(host))) {
    return refuse('must be a public host name', '必须是公网域名');
  }
  return undefined;
}
