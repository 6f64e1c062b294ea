import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PhotoStorage, StoredObject } from '#shared/ports/photos.ts';
import { zipOf } from './zip.ts';

/** The photo bucket through the SDK: presigned POST and GET, reads with a size cap, and streamed ZIPs. */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(input: Parameters<PhotoStorage['presignUpload']>[0]) {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      // createPresignedPost adds the exact-key condition ({"key": ...}) for a key without ${filename}.
      Key: input.key,
      Conditions: [
        ['content-length-range', input.minBytes, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
      ],
      Fields: { 'Content-Type': input.contentType },
      Expires: input.expiresInSeconds,
    });
    return { url, fields, expiresInSeconds: input.expiresInSeconds };
  }

  async presignDownload(key: string, fileName: string, expiresInSeconds: number) {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
    return {
      url: await getSignedUrl(this.client, command, { expiresIn: expiresInSeconds }),
      expiresInSeconds,
    };
  }

  async read(key: string, maxBytes: number): Promise<StoredObject> {
    try {
      const { Body, ContentLength } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!Body) return undefined;
      if (ContentLength === undefined || ContentLength > maxBytes) {
        (Body as Readable).destroy();
        return { tooLarge: true };
      }
      return { bytes: await Body.transformToByteArray() };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /**
   * yazl asks for each entry's stream only when it reaches the entry, so one photo is downloaded at a time;
   * its output goes to S3 as a multipart upload in 5 MB parts. Memory stays at a few parts, whatever the size.
   */
  async writeZip(zipKey: string, entries: readonly { name: string; key: string }[]): Promise<void> {
    const { output, failed } = zipOf(
      entries.map((entry) => ({
        name: entry.name,
        open: async () => {
          const { Body } = await this.client.send(
            new GetObjectCommand({ Bucket: this.bucket, Key: entry.key }),
          );
          return Body as Readable;
        },
      })),
    );
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: zipKey, Body: output, ContentType: 'application/zip' },
      queueSize: 2,
    });
    try {
      await Promise.race([upload.done(), failed]);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      throw error;
    }
  }
}
