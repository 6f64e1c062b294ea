import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { KeyKind } from '#shared/domain/access.ts';

/**
 * Access keys: `bayu_sec_<secret>_<check>`, `bayu_unit_<secret>_<check>` and `bayu_portal_<secret>_<check>`. The secret is 32 random base62
 * characters (190 bits), shown once; only its SHA-256 is stored: with that much entropy a plain hash cannot be
 * reversed by guessing, and a lookup stays a single key read. The check is the CRC32 of prefix and secret in six
 * base62 characters, as in GitHub's tokens: a secret scanner (or a person) can tell a real key from a look-alike
 * offline, and a mistyped key is recognised before any lookup.
 */
export const KEY_PREFIXES: Record<KeyKind, string> = {
  secretariat: 'bayu_sec_',
  unit: 'bayu_unit_',
  portal: 'bayu_portal_',
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32;
const CHECK_LENGTH = 6;
const KEY_SHAPE = new RegExp(
  `^(bayu_(?:sec|unit|portal)_)([0-9A-Za-z]{${SECRET_LENGTH}})_([0-9A-Za-z]{${CHECK_LENGTH}})$`,
);

/** Uniform base62 characters: bytes from 248 up are dropped, so that no character is likelier than another. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A number in base62, left-padded with zeros to `width` (62^6 exceeds 2^32, so a CRC32 always fits six). */
function base62(n: number, width: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, '0');
}

/** The check characters of a key's prefix and secret. */
export const keyChecksum = (prefixAndSecret: string): string =>
  base62(crc32(Buffer.from(prefixAndSecret, 'utf8')), CHECK_LENGTH);

/** A fresh key of that kind. */
export function newKey(kind: KeyKind): string {
  const body = `${KEY_PREFIXES[kind]}${randomBase62(SECRET_LENGTH)}`;
  return `${body}_${keyChecksum(body)}`;
}

/** Whether `text` has a key's shape and its check matches (offline; says nothing of whether the key is valid). */
export function isWellFormedKey(text: string): boolean {
  const match = KEY_SHAPE.exec(text);
  return match !== null && keyChecksum(`${match[1]}${match[2]}`) === match[3];
}

/** What a person sees of a key: its kind's prefix and its last four characters. */
export const keyHint = (kind: KeyKind, key: string): string => `${KEY_PREFIXES[kind]}…${key.slice(-4)}`;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Hash of a request body for idempotency comparisons. */
export const hashBody = (body: string): string =>
  createHash('sha256').update(body, 'utf8').digest('base64url');
