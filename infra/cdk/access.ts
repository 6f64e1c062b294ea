import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ENV } from '#shared/config/env-names.ts';
import type { Access } from '../system.ts';
import type { AppFunction } from './app-function.ts';
import { grantBucket } from './bucket-access.ts';
import type { MailSender } from './mail-sender.ts';
import { grantTable } from './table-access.ts';

/** The stateful resources a function may be given access to. */
export interface AccessTargets {
  readonly table: ITable;
  readonly key: IKey;
  readonly bus: IEventBus;
  readonly idHashKey: ISecret;
  readonly cursorKey: ISecret;
  readonly webhookKey: ISecret;
  /** The photo bucket, encrypted under `key`. */
  readonly bucket: IBucket;
  /** Present when some function sends mail. */
  readonly mail?: MailSender;
  /** The HTTP API's base URL. */
  readonly apiUrl: string;
}

/**
 * Turns a spec's `access` into grants, each together with the environment variable that names the resource, so
 * a function can never be told about a resource it may not use, nor be allowed one it is not told about.
 */
export function applyAccess(fn: AppFunction, access: Access, targets: AccessTargets): void {
  if (access.table !== 'none') {
    grantTable(fn, fn.function, { table: targets.table, key: targets.key, access: access.table });
    fn.addEnvironment(ENV.tableName, targets.table.tableName);
  }
  if (access.bus === 'put') {
    targets.bus.grantPutEventsTo(fn.function);
    fn.addEnvironment(ENV.eventBusName, targets.bus.eventBusName);
  }
  if (access.idHashKey) grantSecret(fn, targets.idHashKey, ENV.idHashKeySecretArn, targets.key);
  if (access.cursorKey) grantSecret(fn, targets.cursorKey, ENV.cursorKeySecretArn, targets.key);
  if (access.webhookKey) grantSecret(fn, targets.webhookKey, ENV.webhookKeySecretArn, targets.key);
  if (access.bucket) {
    grantBucket(fn, fn.function, {
      bucket: targets.bucket,
      key: targets.key,
      access: [access.bucket].flat(),
    });
    fn.addEnvironment(ENV.bucketName, targets.bucket.bucketName);
  }
  if (access.mail) {
    if (!targets.mail) throw new Error('a function sends mail but the stack has no mail sender');
    targets.mail.grantSend(fn.function);
    fn.addEnvironment(ENV.mailFrom, targets.mail.from);
  }
  if (access.apiUrl) fn.addEnvironment(ENV.apiUrl, targets.apiUrl);
}

/**
 * The secret's ARN in `arnVariable`, and what `secret.grantRead()` grants, written out: that call puts the
 * role into the key's policy, which would
 * make the stateful stack depend on the stateless one (a cycle). The role's own policy is enough here, since
 * the key policy trusts the account's IAM policies.
 */
function grantSecret(fn: AppFunction, secret: ISecret, arnVariable: string, key: IKey): void {
  fn.addEnvironment(arnVariable, secret.secretArn);
  const grantee = fn.function;
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resourceArns: [secret.secretArn],
  });
  const stack = Stack.of(fn);
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['kms:Decrypt'],
    resourceArns: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
  });
}
