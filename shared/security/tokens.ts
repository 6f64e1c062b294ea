import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens: 256 random bits, shown once. Only their SHA-256 is stored; with that much entropy a plain
 * hash cannot be reversed by guessing, and lookups stay a single key read.
 */
export const newToken = (): string => `bayu_${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Hash of a request body for idempotency comparisons. */
export const hashBody = (body: string): string =>
  createHash('sha256').update(body, 'utf8').digest('base64url');
