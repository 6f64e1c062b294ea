import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '#shared/domain/errors.ts';

/** RFC 9457 problem details. `type` names the code; 5xx bodies say nothing about the internals. */
export function problemResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const body =
    error instanceof AppError
      ? {
          type: `urn:bayu:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
          title: titles[error.status] ?? 'Error',
          status: error.status,
          code: error.code,
          detail: error.message,
          ...(error.errors ? { errors: error.errors } : {}),
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
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
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
};
