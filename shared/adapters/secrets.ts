/**
 * The deployment's secret keys: from Secrets Manager in AWS (the function is given the secret's ARN), or from
 * the environment in local mode (the local runtime generates each once and keeps it in LOCAL_DATA_DIR).
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The two environment variables that locate one secret. */
export interface SecretNames {
  /** Local mode: the value itself. */
  value: string;
  /** AWS: the ARN of the Secrets Manager secret holding it. */
  arn: string;
}

/** Loads the secret once, on first use; a failed load is not kept, so the next use tries again. */
export function secretFromEnvironment(
  secrets: () => SecretsManagerClient,
  names: SecretNames,
): () => Promise<string> {
  return lazySecret(async () => {
    const local = process.env[names.value];
    if (local) return local;
    const arn = process.env[names.arn];
    if (!arn) throw new Error(`set ${names.arn} or ${names.value}`);
    const { SecretString } = await secrets().send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error(`the secret of ${names.arn} is empty`);
    return SecretString;
  });
}

function lazySecret(load: () => Promise<string>): () => Promise<string> {
  let secret: Promise<string> | undefined;
  return () => {
    secret ??= load().catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return secret;
  };
}
