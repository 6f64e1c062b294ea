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
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
} as const;
export type ErrorCode = keyof typeof errorStatus;

/** A failure the caller can act on. Anything else is a fault and leaves the system as a bare 500. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}
