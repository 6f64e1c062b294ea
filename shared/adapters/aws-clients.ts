/**
 * One client per AWS service per process, created on first use and shared by every adapter. Endpoints come
 * from the SDK's own settings (AWS_ENDPOINT_URL_<SERVICE>), which the local runtime points at the stand-ins.
 * Each `once(...)` is marked pure, so a bundle keeps only the clients its function reaches.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from '#shared/config/env-names.ts';
import { once } from '#shared/lib/once.ts';

export const documentClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
export const eventBridgeClient = /* @__PURE__ */ once(() => new EventBridgeClient({}));
export const secretsManagerClient = /* @__PURE__ */ once(() => new SecretsManagerClient({}));
export const schedulerClient = /* @__PURE__ */ once(() => new SchedulerClient({}));
export const sqsClient = /* @__PURE__ */ once(() => new SQSClient({}));
/** Path-style addressing only where the deployment asks for it (the local S3 stand-in). */
export const s3Client = /* @__PURE__ */ once(
  () => new S3Client({ forcePathStyle: process.env[ENV.s3ForcePathStyle] === 'true' }),
);
