/**
 * Summary workbooks written straight into an S3 multipart upload as exceljs produces them: never whole in
 * memory, whatever their size.
 */
import { Transform } from 'node:stream';
import { AbortMultipartUploadCommand, DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type Sheet, XLSX_TYPE } from '#shared/domain/sheet.ts';
import type { WorkbookStorage } from '#shared/ports/summaries.ts';
import { writeXlsx } from './xlsx/xlsx-writer.ts';

/** S3's smallest part; two parts in flight keep the upload's buffers at about 10 MB. */
const PART_SIZE = 5 * 1024 * 1024;

export class S3WorkbookStorage implements WorkbookStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async writeWorkbook(key: string, sheets: AsyncIterable<Sheet>): Promise<{ bytes: number }> {
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counter, ContentType: XLSX_TYPE },
      partSize: PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    // A failed upload stops the writer instead of leaving it waiting for a drain that never comes.
    uploaded.catch((error: unknown) => counter.destroy(error as Error));
    try {
      await writeXlsx(counter, sheets);
      await uploaded;
    } catch (error) {
      // Aborted first, so that the upload fails as aborted rather than as cut off by the stream's end.
      await upload.abort().catch(() => undefined);
      counter.destroy();
      const failure = await cause(error, uploaded);
      await this.discardParts(key, upload.uploadId);
      throw failure;
    }
    return { bytes };
  }

  /**
   * lib-storage aborts the multipart upload itself only once its part uploaders have wound down, after the
   * caller has the error (a Lambda may be frozen by then): the parts, personal data, would stay until the
   * bucket's incomplete-upload rule a day later. So the parts are discarded here, before the error is reported.
   */
  private async discardParts(key: string, uploadId: string | undefined): Promise<void> {
    if (!uploadId) return;
    await this.client
      .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined); // lib-storage's own abort may have come first: NoSuchUpload
  }

  async removeWorkbooks(keys: string[]): Promise<void> {
    // A few keys at most (one per track and one for the competition): one request each.
    await Promise.all(
      keys.map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }))),
    );
  }
}

/**
 * Why writing failed: the upload's own error when the upload failed (the writer then only saw its stream
 * destroyed), else the writer's. An upload that failed only because it was aborted here tells nothing.
 */
async function cause(writerError: unknown, uploaded: Promise<unknown>): Promise<unknown> {
  const uploadError = await uploaded.then(
    () => undefined,
    (error: unknown) => error,
  );
  const aborted = uploadError instanceof Error && uploadError.name === 'AbortError';
  return uploadError === undefined || aborted ? writerError : uploadError;
}
