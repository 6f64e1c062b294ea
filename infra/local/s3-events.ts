/**
 * s3rver reports object events in the classic S3 notification shape; the bucket in AWS sends them to
 * EventBridge instead (`eventBridgeEnabled`), in the "Object Created" shape below. This turns one into the
 * other, so the photo function receives locally exactly what it receives in AWS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 */
import { randomUUID } from 'node:crypto';
import type { BusEvent } from './event-bus.ts';
import type { S3rverEvent } from './stand-ins/s3.ts';

const REASONS: Record<string, string> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Post': 'PostObject',
  'ObjectCreated:Copy': 'CopyObject',
  'ObjectCreated:CompleteMultipartUpload': 'CompleteMultipartUpload',
};

export function objectCreatedEvents(notification: S3rverEvent): BusEvent[] {
  return notification.Records.filter((record) => record.eventName.startsWith('ObjectCreated:')).map(
    (record) => {
      const { bucket, object } = record.s3;
      return {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: record.eventTime.replace(/\.\d{3}Z$/, 'Z'),
        region: process.env.AWS_REGION ?? 'us-east-1',
        resources: [`arn:aws:s3:::${bucket.name}`],
        detail: {
          version: '0',
          bucket: { name: bucket.name },
          object: {
            // s3rver reports the key as stored (AWS's classic notifications would URL-encode it).
            key: object.key,
            ...(object.size === undefined ? {} : { size: object.size }),
            ...(object.eTag === undefined ? {} : { etag: object.eTag }),
          },
          'request-id': randomUUID(),
          requester: '000000000000',
          'source-ip-address': '127.0.0.1',
          reason: REASONS[record.eventName] ?? 'PutObject',
        },
      };
    },
  );
}
