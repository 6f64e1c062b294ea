import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import type { BucketAccess } from '../system.ts';

/*
 * Photo bucket grants written out per key prefix, as the table's are: `bucket.grantRead()` would name the key
 * actions with wildcards and put the role into the key's policy (a cycle between the stacks). Objects are
 * encrypted under the customer managed key, so reading decrypts with it and writing asks it for a data key,
 * both only through S3. A presigned POST or GET is signed with the function's own credentials: it can allow
 * only what the function itself may do, so the upload grant needs PutObject on uploads/ and nothing more.
 */
const OBJECT_ACTIONS: Record<BucketAccess['access'], string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  'read-write': ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
  delete: ['s3:DeleteObject'],
};
const KEY_ACTIONS: Record<BucketAccess['access'], string[]> = {
  read: ['kms:Decrypt'],
  // S3 decrypts the data key of an encrypted upload's earlier parts (multipart) with the writer's rights.
  write: ['kms:GenerateDataKey', 'kms:Decrypt'],
  'read-write': ['kms:GenerateDataKey', 'kms:Decrypt'],
  // Deleting an object neither reads nor writes its content.
  delete: [],
};

export function grantBucket(
  scope: IConstruct,
  grantee: iam.IGrantable,
  grants: { bucket: IBucket; key: IKey; access: BucketAccess[] },
): void {
  const stack = Stack.of(scope);
  for (const { access, prefixes } of grants.access) {
    iam.Grant.addToPrincipal({
      grantee,
      actions: OBJECT_ACTIONS[access],
      resourceArns: prefixes.map((prefix) => grants.bucket.arnForObjects(`${prefix}*`)),
    });
    // Deleting what is under a prefix needs its listing, and only its listing.
    if (access === 'delete') {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['s3:ListBucket'],
        resourceArns: [grants.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
      });
    }
  }
  const keyActions = [...new Set(grants.access.flatMap(({ access }) => KEY_ACTIONS[access]))].sort();
  if (keyActions.length === 0) return;
  iam.Grant.addToPrincipal({
    grantee,
    actions: keyActions,
    resourceArns: [grants.key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
  });
}
