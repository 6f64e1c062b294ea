import type { HttpResult } from './http.ts';

/** A file to save, with the name the caller's computer gives it. */
export interface Download {
  bytes: Uint8Array;
  /** The name to save under; may be Chinese. */
  fileName: string;
  type: string;
  /** An ASCII name for clients that do not read `filename*`. */
  fallbackName: string;
}

/**
 * A file as the answer, never cached anywhere (forms carry whole ID numbers, workbooks a unit's people). RFC 6266:
 * an ASCII name for old clients, and the real one, percent-encoded, for every client that reads filename*.
 */
export const download = (file: Download): HttpResult => ({
  status: 200,
  bytes: file.bytes,
  headers: {
    'content-type': file.type,
    'content-disposition': `attachment; filename="${file.fallbackName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
  },
});
