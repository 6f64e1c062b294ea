import { Duration } from 'aws-cdk-lib';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Edition } from '#shared/domain/edition.ts';
import { BUCKET_PREFIXES } from '#shared/ports/bucket-layout.ts';

/**
 * How long what the app bucket holds stays.
 *
 * Photos: how long uploaded originals and exports stay. Uploads are keyed `uploads/{competitionId}/...`, so each
 * edition's `photoOriginalRetentionDays` becomes one expiration rule on its own prefix, counted from the
 * upload. S3 expires after one day at the soonest: for an edition that keeps originals 0 days the checker
 * deletes each original as soon as it is judged, and this rule is the backstop for uploads nobody judged. The
 * bucket is versioned, so the expired original's noncurrent version goes a day later, not after the 90 days
 * the bucket keeps replaced photos. ZIP exports are fetched within minutes of being written and go after a day.
 */
export function addLifecycleRules(bucket: Bucket, editions: readonly Edition[]): void {
  for (const edition of editions) {
    bucket.addLifecycleRule({
      id: `originals-${edition.id}`,
      prefix: `${BUCKET_PREFIXES.uploads}${edition.id}/`,
      expiration: Duration.days(Math.max(1, edition.settings.photoOriginalRetentionDays)),
      noncurrentVersionExpiration: Duration.days(1),
    });
  }
  bucket.addLifecycleRule({
    id: 'exports',
    prefix: BUCKET_PREFIXES.exports,
    expiration: Duration.days(1),
    noncurrentVersionExpiration: Duration.days(1),
  });
  // Summaries: the workbooks a build attempt removes (it lost to another, or failed) leave noncurrent versions
  // with contestants' ID numbers and phones; they go a day later. How long current summaries stay is for the
  // secretariat to decide (none expire yet).
  bucket.addLifecycleRule({
    id: 'summaries-removed',
    prefix: BUCKET_PREFIXES.summaries,
    noncurrentVersionExpiration: Duration.days(1),
  });
}
