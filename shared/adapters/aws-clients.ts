/**
 * One client per AWS service per process, created on first use and shared by every adapter. Endpoints come
 * from the SDK's own settings (AWS_ENDPOINT_URL_<SERVICE>), which the local runtime points at the stand-ins.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from '#shared/config/env-names.ts';
import { once } from '#shared/lib/once.ts';

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
export const eventBridgeClient = once(() => new EventBridgeClient({}));
export const secretsManagerClient = once(() => new SecretsManagerClient({}));
/** Path-style addressing only where the local stand-in needs it (S3_FORCE_PATH_STYLE). */
export const s3Client = once(
  () => new S3Client({ forcePathStyle: process.env[ENV.s3ForcePathStyle] === 'true' }),
);
export const sesV2Client = once(() => new SESv2Client({}));
