/**
 * Page cursors signed with HMAC-SHA256 under a key derived (HKDF) from the deployment's cursor secret, which
 * serves nothing else. The signature covers the scope as well as the cursor, so a cursor is good only for the
 * listing and caller it was given to; what it carries (the store's page key) is not secret, only not forgeable.
 * Rotating the secret just makes callers start their listings again.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '#shared/domain/errors.ts';
import type { CursorSeal } from '#shared/ports/crypto.ts';

const KEY_PURPOSE = 'bayu page cursors v1';
/** The stores' cursors are base64url, which has no dot. */
const SEPARATOR = '.';

export class SignedCursors implements CursorSeal {
  constructor(private readonly secret: () => Promise<string>) {}

  async seal(cursor: string, scope: string): Promise<string> {
    return `${cursor}${SEPARATOR}${(await this.signature(cursor, scope)).toString('base64url')}`;
  }

  async open(sealed: string, scope: string): Promise<string> {
    const at = sealed.lastIndexOf(SEPARATOR);
    const cursor = sealed.slice(0, Math.max(at, 0));
    // Compared as text: decoding would let a changed padding bit in the last character pass.
    const given = Buffer.from(sealed.slice(at + 1));
    const expected = Buffer.from((await this.signature(cursor, scope)).toString('base64url'));
    if (at <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError('MALFORMED_REQUEST', 'the cursor is not one this listing gave you');
    }
    return cursor;
  }

  private async signature(cursor: string, scope: string): Promise<Buffer> {
    const key = Buffer.from(hkdfSync('sha256', await this.secret(), '', KEY_PURPOSE, 32));
    return createHmac('sha256', key).update(`${scope}\n${cursor}`, 'utf8').digest();
  }
}
