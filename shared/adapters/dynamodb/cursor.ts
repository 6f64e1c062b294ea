import { AppError } from '#shared/domain/errors.ts';

/**
 * Page cursors are the query's LastEvaluatedKey, base64url-encoded. The API hands them out sealed to their
 * listing and caller (functions/lib/paging.ts), so only a cursor this listing gave arrives here; even so a
 * cursor cannot reach beyond its query: the key condition still bounds the partition.
 */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new AppError('MALFORMED_REQUEST', 'the cursor is not one this API returned');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const isKey =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string' && v.length < 512);
  if (!isKey) throw invalid();
  return value as Record<string, string>;
}
