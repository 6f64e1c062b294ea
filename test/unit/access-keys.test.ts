/** The key format: kind prefix, 32 random base62 characters, and a CRC32 check a scanner can verify offline. */
import { describe, expect, it } from 'vitest';
import { isWellFormedKey, KEY_PREFIXES, keyChecksum, keyHint, newKey } from '#shared/security/tokens.ts';
import { TOKEN_PATTERN } from '#shared/use-cases/authenticate.ts';

/** The key with one character of its secret changed. */
const altered = (key: string, at: number) =>
  `${key.slice(0, at)}${key[at] === 'a' ? 'b' : 'a'}${key.slice(at + 1)}`;

describe('a new key', () => {
  it('is the kind prefix, 32 base62 characters (190 bits) and a 6-character check', () => {
    for (const kind of ['secretariat', 'unit'] as const) {
      const key = newKey(kind);
      expect(key).toMatch(new RegExp(`^${KEY_PREFIXES[kind]}[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$`));
      expect(isWellFormedKey(key)).toBe(true);
      // Still a bearer token of the accepted shape, like the tokens issued before keys had a format.
      expect(TOKEN_PATTERN.test(key)).toBe(true);
    }
    expect(newKey('unit').startsWith('bayu_unit_')).toBe(true);
    expect(newKey('secretariat').startsWith('bayu_sec_')).toBe(true);
  });

  it('is different every time, and uses the whole alphabet', () => {
    const keys = Array.from({ length: 200 }, () => newKey('unit'));
    expect(new Set(keys).size).toBe(keys.length);
    const secrets = keys.map((k) => k.slice('bayu_unit_'.length, -7)).join('');
    expect(new Set(secrets).size).toBe(62);
  });

  it('shows as its prefix and last four characters', () => {
    const key = newKey('unit');
    expect(keyHint('unit', key)).toBe(`bayu_unit_…${key.slice(-4)}`);
  });
});

describe('the check', () => {
  it('is the CRC32 of prefix and secret in base62 (the standard check value of "123456789")', () => {
    expect(keyChecksum('123456789')).toBe('3jZRME'); // 0xCBF43926
  });

  it('recognises a changed character, a changed check, another prefix and look-alikes', () => {
    const key = newKey('unit');
    expect(isWellFormedKey(altered(key, 15))).toBe(false);
    expect(isWellFormedKey(altered(key, key.length - 1))).toBe(false);
    expect(isWellFormedKey(key.replace('bayu_unit_', 'bayu_sec_'))).toBe(false);
    expect(isWellFormedKey(`${key}x`)).toBe(false);
    expect(isWellFormedKey(key.slice(1))).toBe(false);
    expect(isWellFormedKey('bayu_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG')).toBe(false);
    expect(isWellFormedKey('')).toBe(false);
  });
});
