/**
 * Deletes the objects under a prefix of the app bucket, a listing page (up to 1,000 keys) at a time. Each batch
 * lists from the start again: what was deleted is gone from the listing, so no continuation token is needed
 * (and none survives an invocation that stops half-way).
 */
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectPurger } from '#shared/ports/purge.ts';

export class S3ObjectPurger implements ObjectPurger {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async deleteBatch(prefix: string): Promise<{ deleted: number; more: boolean }> {
    const listed = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000 }),
    );
    const keys = (listed.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (keys.length === 0) return { deleted: 0, more: false };
    const result = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
    );
    const failed = result.Errors ?? [];
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} objects under ${prefix} not deleted: ${failed[0]?.Code ?? 'unknown'}`,
      );
    }
    return { deleted: keys.length, more: true };
  }
}
