/**
 * One client per AWS service per process, created on first use and shared by every adapter. Endpoints come
 * from the SDK's own settings (AWS_ENDPOINT_URL_<SERVICE>), which the local runtime points at the stand-ins.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { once } from '#shared/lib/once.ts';

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
export const eventBridgeClient = once(() => new EventBridgeClient({}));
export const secretsManagerClient = once(() => new SecretsManagerClient({}));
