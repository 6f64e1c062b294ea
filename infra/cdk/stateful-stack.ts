import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '#events/contract.ts';
import { tableSchema } from '#shared/adapters/dynamodb/table-schema.ts';
import { type PhotoUploadCorsRule, photoUploadCors } from '../photo-upload-cors.ts';
import { addLifecycleRules } from './bucket-lifecycle.ts';
import { EditionSeed } from './edition-seed.ts';
import { photoUploadOrigins } from './photo-upload-origins.ts';

export interface StatefulStackProps extends StackProps {
  /** Folder of the edition documents to put into the table. */
  readonly editionsDir: string;
}

/**
 * Everything that holds data: the key, the table, the photo bucket, the event bus and the ID-hash secret. All
 * of it is retained when the stack is deleted; the stateless stack receives it through its props.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly bus: events.EventBus;
  readonly idHashKey: secretsmanager.Secret;
  /** Retired: no function reads it since the digest links to the signed-in download (see below). */
  readonly linkKey: secretsmanager.Secret;
  readonly cursorKey: secretsmanager.Secret;
  readonly webhookKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.key = new kms.Key(this, 'DataKey', {
      description: 'Encrypts the registration table, the contestant photos and the ID-hash secret',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: tableSchema.ttlAttribute,
      stream: dynamodb.StreamViewType[tableSchema.streamView],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableSchema.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType[tableSchema.indexProjection],
      });
    }

    // Server access logs cannot be written to a bucket encrypted with a customer managed key, hence SSE-S3.
    const accessLogs = new s3.Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Photos of contestants are personal data: the customer managed key puts every read in CloudTrail and
    // lets access to the key, not only to the bucket, decide who sees them. The bucket key keeps KMS calls
    // (and their cost) to one per object batch rather than one per request.
    this.bucket = new s3.Bucket(this, 'PhotoBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'photos/',
      // The web app uploads photos from the browser by presigned POST (photo-upload-origins.ts).
      cors: [photoUploadCorsRule(photoUploadCors(photoUploadOrigins(this)))],
      lifecycleRules: [
        // A replaced or deleted photo stays recoverable for a while, then stops costing anything.
        {
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Object events go to the default event bus, where the photo checker's rule picks up new uploads. Set on
    // the CloudFormation resource: the construct's `eventBridgeEnabled` adds a custom-resource Lambda for it.
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    this.bus = new events.EventBus(this, 'EventBus', {
      description: 'Domain events of the registration system',
    });
    this.bus.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // A consumer fixed after a fault can replay what it missed.
    const archive = this.bus.archive('RegistrationEvents', {
      description: `Every ${EVENT_SOURCE} event, for replay`,
      eventPattern: { source: [EVENT_SOURCE] },
      retention: Duration.days(400),
    });
    archive.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.idHashKey = new secretsmanager.Secret(this, 'IdHashKey', {
      description: 'HMAC key under which contestant ID numbers are hashed for duplicate checks',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Retired with the digest's tokenless links. It stays for one release, with its export: the stateless
    // stack deployed before imports its ARN, and CloudFormation refuses to drop an export still imported
    // (`cdk deploy --all` updates this stack first). The release after removes both; being retained, the
    // secret then stays in the account until an operator deletes it.
    this.linkKey = new secretsmanager.Secret(this, 'LinkKey', {
      description: "Retired: signed the digest's former tokenless download links",
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.exportValue(this.linkKey.secretArn);

    // Signs page cursors only: rotating it costs callers nothing but starting their listings again.
    this.cursorKey = new secretsmanager.Secret(this, 'CursorKey', {
      description: 'HMAC key under which the API signs page cursors',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Encrypts the webhook endpoints' signing secrets at rest (shared/adapters/aes-gcm-secret-box.ts). Rotating
    // it leaves every stored secret unreadable, so it is kept: endpoints are registered again only after a leak.
    this.webhookKey = new secretsmanager.Secret(this, 'WebhookKey', {
      description: "Key under which the webhook endpoints' signing secrets are encrypted at rest",
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const seed = new EditionSeed(this, 'Editions', {
      table: this.table,
      key: this.key,
      editionsDir: props.editionsDir,
    });
    addLifecycleRules(this.bucket, seed.editions);

    // Operators need these (e.g. infra/bin/issue-secretariat-token.ts takes the table name).
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'PhotoBucketName', { value: this.bucket.bucketName });
  }
}

/** The shared rule in the construct's words. */
const photoUploadCorsRule = (rule: PhotoUploadCorsRule): s3.CorsRule => ({
  allowedOrigins: rule.allowedOrigins,
  allowedMethods: rule.allowedMethods.map((method) => s3.HttpMethods[method]),
  allowedHeaders: rule.allowedHeaders,
  maxAge: rule.maxAgeSeconds,
});
