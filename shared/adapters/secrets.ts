/**
 * The deployment's secret keys: from Secrets Manager in AWS (the function is given the secret's ARN), or from
 * the environment in local mode (the local runtime generates each once and keeps it in LOCAL_DATA_DIR).
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Clock } from '#shared/ports/clock.ts';
import { envClock } from './env-clock.ts';

/** The two environment variables that locate one secret. */
export interface SecretNames {
  /** Local mode: the value itself. */
  value: string;
  /** AWS: the ARN of the Secrets Manager secret holding it. */
  arn: string;
}

/**
 * A warm function reads its secret again after this long, so a rotated key takes effect within minutes
 * rather than when the last warm container of the old value happens to be recycled.
 */
export const SECRET_LIFETIME_MS = 5 * 60_000;

/** Loads the secret on first use and again once it is older than SECRET_LIFETIME_MS. */
export function secretFromEnvironment(
  secrets: () => SecretsManagerClient,
  names: SecretNames,
  clock: Clock = envClock,
): () => Promise<string> {
  return cachedSecret(async () => {
    const local = process.env[names.value];
    if (local) return local;
    const arn = process.env[names.arn];
    if (!arn) throw new Error(`set ${names.arn} or ${names.value}`);
    const { SecretString } = await secrets().send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error(`the secret of ${names.arn} is empty`);
    return SecretString;
  }, clock);
}

/**
 * The value of `load`, kept for SECRET_LIFETIME_MS. A failed load is not kept, so the next use tries again;
 * until one succeeds, a refresh that fails answers the last value read (a Secrets Manager outage should not
 * stop a function that already holds its key).
 */
function cachedSecret(load: () => Promise<string>, clock: Clock): () => Promise<string> {
  let current: { value: Promise<string>; loadedAt: number } | undefined;
  let lastRead: string | undefined;
  return () => {
    const now = clock.nowMs();
    // A clock that went back (the local runtime's can) makes the age unknowable: read again.
    if (current && now >= current.loadedAt && now - current.loadedAt < SECRET_LIFETIME_MS) {
      return current.value;
    }
    const entry = {
      loadedAt: now,
      value: load().then(
        (value) => {
          lastRead = value;
          return value;
        },
        (error: unknown) => {
          if (current === entry) current = undefined;
          if (lastRead === undefined) throw error;
          return lastRead;
        },
      ),
    };
    current = entry;
    return entry.value;
  };
}
