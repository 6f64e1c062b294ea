import type { FieldError } from './registration-input.ts';

/** The stable error codes of the public API (design.md); each maps to one HTTP status. */
export const errorStatus = {
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  REGISTRATION_CLOSED: 403,
  NOT_FOUND: 404,
  QUOTA_FULL: 409,
  DUPLICATE_CONTESTANT: 409,
  VERSION_CONFLICT: 409,
  INVALID_STATE: 409,
  /** The unit already holds two active keys (the old one in its grace): one must expire or be revoked first. */
  KEY_LIMIT_REACHED: 409,
  /** A file larger than the route takes (a spreadsheet over 2 MB). */
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  /** One caller (bearer token, or source address without one) sent more than its share: retry after a while. */
  RATE_LIMITED: 429,
  /** A dependency (table, bucket, bus, mail) is down or throttling: nothing was decided, retry after a while. */
  SERVICE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof errorStatus;

/** A failure the caller can act on. Anything else is a fault and leaves the system as a bare 500. */
export class AppError extends Error {
  readonly status: number;
  /** When the caller may try again (the Retry-After header), for failures that pass. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    options?: ErrorOptions & { retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.status = errorStatus[code];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/**
 * The version a caller named (If-Match) was overtaken by a change it could overwrite: a conflict that trying again
 * cannot settle, unlike a write that lost a race to another (retry-on-conflict.ts).
 */
export class StaleVersion extends AppError {
  constructor(message: string) {
    super('VERSION_CONFLICT', message);
    this.name = 'StaleVersion';
  }
}
