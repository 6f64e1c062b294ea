import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECRET_LIFETIME_MS, secretFromEnvironment } from '#shared/adapters/secrets.ts';
import { FixedClock } from '../support/fake-ports.ts';

const names = { value: 'TEST_SECRET_VALUE', arn: 'TEST_SECRET_ARN' };

/** Secrets Manager answering each GetSecretValue with the next scripted outcome. */
function secretsManager(...outcomes: Array<string | Error>) {
  const send = vi.fn(async () => {
    const next = outcomes.shift();
    if (next === undefined) throw new Error('no more outcomes scripted');
    if (next instanceof Error) throw next;
    return { SecretString: next };
  });
  return { client: { send } as unknown as SecretsManagerClient, send };
}

describe('a secret from Secrets Manager', () => {
  beforeEach(() => {
    process.env[names.arn] = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:test';
  });
  afterEach(() => {
    delete process.env[names.arn];
  });

  it('is read again once its short lifetime is over, so a rotated key reaches warm functions', async () => {
    const clock = new FixedClock('2023-09-01T00:00:00Z');
    const { client, send } = secretsManager('before rotation', 'after rotation');
    const secret = secretFromEnvironment(() => client, names, clock);

    expect(await secret()).toBe('before rotation');
    clock.set(Date.parse('2023-09-01T00:00:00Z') + SECRET_LIFETIME_MS - 1);
    expect(await secret()).toBe('before rotation');
    expect(send).toHaveBeenCalledTimes(1);
    clock.set(Date.parse('2023-09-01T00:00:00Z') + SECRET_LIFETIME_MS);
    expect(await secret()).toBe('after rotation');
    expect(send).toHaveBeenCalledTimes(2);
    expect(SECRET_LIFETIME_MS).toBeLessThanOrEqual(5 * 60_000);
  });

  it('keeps the last value when a refresh fails, and tries again on the next use', async () => {
    const clock = new FixedClock('2023-09-01T00:00:00Z');
    const { client, send } = secretsManager('key', new Error('throttled'), 'key 2');
    const secret = secretFromEnvironment(() => client, names, clock);
    expect(await secret()).toBe('key');
    clock.set(Date.parse('2023-09-01T00:00:00Z') + SECRET_LIFETIME_MS);
    expect(await secret()).toBe('key');
    expect(await secret()).toBe('key 2');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('keeps no failed first load: the next use tries again', async () => {
    const clock = new FixedClock('2023-09-01T00:00:00Z');
    const { client } = secretsManager(new Error('unreachable'), 'key');
    const secret = secretFromEnvironment(() => client, names, clock);
    await expect(secret()).rejects.toThrow('unreachable');
    expect(await secret()).toBe('key');
  });
});
