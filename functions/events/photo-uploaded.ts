import type { EventBridgeEvent } from 'aws-lambda';
import { lambdaFunction } from '#functions/lib/event.ts';
import { photoDeps } from '#shared/composition.ts';
import { bucketName } from '#shared/config/config.ts';
import { logger } from '#shared/logging/logger.ts';
import { checkUploadedPhoto } from '#shared/use-cases/photos.ts';

/** The part of S3's "Object Created" EventBridge event this function reads. */
type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string } }
>;

export const photoUploaded = async (event: ObjectCreated): Promise<void> => {
  const { bucket, object } = event.detail;
  // The rule sits on the account's default bus, which carries every EventBridge-enabled bucket's events.
  if (bucket.name !== bucketName()) return;
  const outcome = await checkUploadedPhoto(photoDeps(), { key: object.key, correlationId: event.id });
  // The key holds ids only (no name, no ID number), so it may be logged.
  logger.info('photo upload checked', { key: object.key, outcome });
};

export const handler = lambdaFunction(
  (event: ObjectCreated) => event,
  photoUploaded,
  (event) => ({
    detailType: event['detail-type'],
    eventId: event.id,
  }),
);
