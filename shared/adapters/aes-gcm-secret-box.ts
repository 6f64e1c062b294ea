import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from '#shared/ports/webhooks.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the deployment's webhook
 * key (Secrets Manager in AWS, a kept local value in the local runtime). The secret must be recoverable to sign
 * with, so it cannot be hashed like an API key; a leaked table without the key reveals none. Each ciphertext is
 * bound to its endpoint's id (the GCM additional data), so one cannot be moved onto another endpoint.
 */
export class AesGcmSecretBox implements SecretBox {
  constructor(private readonly key: () => Promise<string>) {}

  private async aesKey(): Promise<Buffer> {
    return Buffer.from(hkdfSync('sha256', await this.key(), '', 'bayu webhook secrets', 32));
  }

  async seal(secret: string, boundTo: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.aesKey(), iv).setAAD(Buffer.from(boundTo));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  async open(sealed: string, boundTo: string): Promise<string> {
    const [version, data = ''] = sealed.split('.');
    if (version !== VERSION) throw new Error('unknown sealed secret version');
    const bytes = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', await this.aesKey(), bytes.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(boundTo))
      .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }
}
