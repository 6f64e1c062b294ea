/**
 * The S3 client, one per process, in a module of its own: only the photo functions import it, and a module-level
 * `once(...)` in aws-clients.ts would put the S3 SDK into every function's bundle.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { ENV } from '#shared/config/env-names.ts';
import { once } from '#shared/lib/once.ts';

/** Path-style addressing only where the deployment asks for it (the local S3 stand-in). */
export const s3Client = once(
  () => new S3Client({ forcePathStyle: process.env[ENV.s3ForcePathStyle] === 'true' }),
);
