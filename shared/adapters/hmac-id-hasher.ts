import { createHmac } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '#shared/config/env-names.ts';
import type { IdHasher } from '#shared/ports/crypto.ts';
import { lazySecret } from './lazy-secret.ts';

/** HMAC-SHA256 of the ID number under a secret key, so a leaked table does not list anyone's ID number. */
export class HmacIdHasher implements IdHasher {
  private readonly key: () => Promise<string>;

  constructor(loadKey: () => Promise<string>) {
    this.key = lazySecret(loadKey);
  }

  async hash(idNumber: string): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(idNumber.toUpperCase(), 'utf8')
      .digest('base64url');
  }
}

/** The key from Secrets Manager in AWS, or from the environment in local mode. */
export function idHashKeyLoader(secrets: () => SecretsManagerClient): () => Promise<string> {
  return async () => {
    const local = process.env[ENV.idHashKey];
    if (local) return local;
    const arn = process.env[ENV.idHashKeySecretArn];
    if (!arn) throw new Error(`set ${ENV.idHashKeySecretArn} or ${ENV.idHashKey}`);
    const { SecretString } = await secrets().send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error('the ID hash key secret is empty');
    return SecretString;
  };
}
