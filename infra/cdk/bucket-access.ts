import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Access } from '../system.ts';
import type { AppFunction } from './app-function.ts';

/*
 * Object access limited to key prefixes. A multipart upload (lib-storage) is authorised as s3:PutObject, plus
 * s3:AbortMultipartUpload to clean up after a failure. The bucket is encrypted under the app key: writing needs
 * a data key and reading decrypts it, both only through S3.
 */
const READ_ACTIONS = ['s3:GetObject'];
const WRITE_ACTIONS = [...READ_ACTIONS, 's3:PutObject', 's3:AbortMultipartUpload'];
const KEY_READ_ACTIONS = ['kms:Decrypt'];
const KEY_WRITE_ACTIONS = [...KEY_READ_ACTIONS, 'kms:GenerateDataKey'];

export function grantBucket(
  fn: AppFunction,
  bucket: IBucket,
  key: IKey,
  { access, prefixes }: NonNullable<Access['bucket']>,
): void {
  const grantee = fn.function;
  iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'read' ? READ_ACTIONS : WRITE_ACTIONS,
    resourceArns: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
  });
  const stack = Stack.of(fn);
  iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'read' ? KEY_READ_ACTIONS : KEY_WRITE_ACTIONS,
    resourceArns: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
  });
}
