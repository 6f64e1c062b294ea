import { createHmac } from 'node:crypto';
import type { IdHasher } from '#shared/ports/crypto.ts';

/** HMAC-SHA256 of the ID number under a secret key, so a leaked table does not list anyone's ID number. */
export class HmacIdHasher implements IdHasher {
  constructor(private readonly key: () => Promise<string>) {}

  async hash(idNumber: string): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(idNumber.toUpperCase(), 'utf8')
      .digest('base64url');
  }
}
