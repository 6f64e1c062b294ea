/**
 * The composition root of the photo functions, apart from shared/composition.ts so that the other functions'
 * bundles carry no S3, ZIP or image code (esbuild keeps a module-level call such as `once(...)`, and with it
 * everything the call reaches).
 */
import { ulid } from 'ulid';
import { documentClient } from './adapters/aws-clients.ts';
import { DynamoRegistrationStore } from './adapters/dynamodb/registration-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { s3Client } from './adapters/s3-client.ts';
import { S3PhotoStorage } from './adapters/s3-photo-storage.ts';
import { SharpPhotoChecker } from './adapters/sharp-photo-checker.ts';
import { deadlineStore, editionStore, unitStore } from './composition.ts';
import { bucketName, tableName } from './config/config.ts';
import { once } from './lib/once.ts';
import type { PhotoDeps } from './use-cases/photos.ts';

export const photoDeps = once(
  (): PhotoDeps => ({
    registrations: new DynamoRegistrationStore(documentClient(), tableName()),
    editions: editionStore(),
    units: unitStore(),
    storage: new S3PhotoStorage(s3Client(), bucketName()),
    checker: new SharpPhotoChecker(),
    clock: envClock,
    newId: ulid,
    deadlines: deadlineStore(),
  }),
);
