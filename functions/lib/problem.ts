import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { AppError, errorStatus } from '#shared/domain/errors.ts';
import { isDependencyOutage } from './dependency-outage.ts';

/** How long a client should wait before retrying while a dependency is down: long enough to let it recover. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** A dependency down or throttling, as the client sees it: nothing was decided, the same request may be retried. */
function unavailable(): AppError {
  return new AppError(
    'SERVICE_UNAVAILABLE',
    'the service is briefly unavailable; retry the same request (with the same Idempotency-Key) later',
    undefined,
    { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS },
  );
}

/** An AppError for anything the client can act on; undefined for a fault of our own. */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  return isDependencyOutage(error) ? unavailable() : undefined;
}

/** The body of every error answer (application/problem+json), as the OpenAPI document describes it. */
export const Problem = z
  .object({
    type: z.string().meta({ examples: ['urn:bayu:problem:validation-failed'] }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum([...(Object.keys(errorStatus) as (keyof typeof errorStatus)[]), 'INTERNAL']),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'a JSON pointer into the request body' }),
          code: z.string().meta({ examples: ['INVALID_ID_NUMBER'] }),
          message: z.string(),
          messageZh: z
            .string()
            .optional()
            .meta({ description: "in 附件4's words, for a registration's fields" }),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`' });

/** RFC 9457 problem details. `type` names the code; 5xx bodies say nothing about the internals. */
export function problemResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const known = asAppError(error);
  const body: z.output<typeof Problem> = known
    ? {
        type: `urn:bayu:problem:${known.code.toLowerCase().replaceAll('_', '-')}`,
        title: titles[known.status] ?? 'Error',
        status: known.status,
        code: known.code,
        detail: known.message,
        ...(known.errors ? { errors: known.errors } : {}),
      }
    : {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        code: 'INTERNAL',
        detail: `an unexpected error occurred; quote request id ${requestId} to the secretariat`,
      };
  return {
    statusCode: body.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...(known?.retryAfterSeconds === undefined ? {} : { 'retry-after': String(known.retryAfterSeconds) }),
    },
    body: JSON.stringify(body),
  };
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};
