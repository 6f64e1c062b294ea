/** Ports of the photo feature: the bucket that holds uploads, cleaned photos and exports, and the checker. */
import type { PhotoReason } from '#shared/domain/photo-rules.ts';

/** A browser form upload (S3 presigned POST): send `fields` and then the file as multipart/form-data. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresInSeconds: number;
}

export interface PresignedDownload {
  url: string;
  expiresInSeconds: number;
}

export type StoredObject = { bytes: Uint8Array } | { tooLarge: true } | undefined;

export interface PhotoStorage {
  /** A form upload of exactly `key`, whose policy also pins the size range and the content type. */
  presignUpload(input: {
    key: string;
    contentType: string;
    minBytes: number;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedUpload>;
  /** A GET URL that downloads the object under `fileName`. */
  presignDownload(key: string, fileName: string, expiresInSeconds: number): Promise<PresignedDownload>;
  /** The object's bytes; `tooLarge` (unread) when it has more than maxBytes; undefined when there is none. */
  read(key: string, maxBytes: number): Promise<StoredObject>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Streams the objects, in order and under the given names, into one ZIP object; never all in memory. */
  writeZip(zipKey: string, entries: readonly { name: string; key: string }[]): Promise<void>;
}

export type PhotoCheck =
  | { ok: true; jpeg: Uint8Array; width: number; height: number }
  | { ok: false; reasons: PhotoReason[] };

/** Judges an uploaded file by its bytes and, when it passes, returns the cleaned JPEG to store. */
export interface PhotoChecker {
  check(bytes: Uint8Array): Promise<PhotoCheck>;
}
