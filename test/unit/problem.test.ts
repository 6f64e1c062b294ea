/**
 * The edge's mapping of failures to problem+json: a dependency that is down or throttling is a 503 the client
 * may retry (with Retry-After), never a 500; anything else unexpected stays a bare 500.
 */
import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { ThrottlingException } from '@aws-sdk/client-eventbridge';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { problemResponse } from '#functions/lib/problem.ts';
import { AppError } from '#shared/domain/errors.ts';

const metadata = { $metadata: { httpStatusCode: 400, attempts: 3, totalRetryDelay: 120 } };

/** A Node socket error as the SDK's HTTP handler rethrows it (with the SDK's $metadata attached). */
function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), {
    code,
    syscall: 'connect',
    $metadata: { attempts: 4, totalRetryDelay: 70 },
  });
}

const serverFault = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'server', $metadata: { httpStatusCode: status } });

function answer(error: unknown) {
  const response = problemResponse(error, 'req-1');
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    body: JSON.parse(response.body ?? '{}') as Record<string, unknown>,
  };
}

describe('problemResponse', () => {
  it.each([
    ['DynamoDB unreachable', networkError('ECONNREFUSED')],
    ['a connection reset mid-request', networkError('ECONNRESET')],
    ['a socket timeout', networkError('ETIMEDOUT')],
    ['a name that does not resolve for now', networkError('EAI_AGAIN')],
    [
      'DynamoDB throttling a table',
      new ProvisionedThroughputExceededException({ message: 'throughput exceeded', ...metadata }),
    ],
    ['the bus throttling', new ThrottlingException({ message: 'rate exceeded', ...metadata })],
    ['SES throttling', new TooManyRequestsException({ message: 'slow down', ...metadata })],
    ['S3 down', serverFault('ServiceUnavailable', 503)],
    ['S3 slowing requests', serverFault('SlowDown', 503)],
    ['a service failing internally', serverFault('InternalError', 500)],
    [
      'a transaction cancelled only by throttling',
      new TransactionCanceledException({
        message: 'cancelled',
        ...metadata,
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'TransactionConflict' }],
      }),
    ],
    [
      'an outage wrapped by the use case',
      new Error('could not read the edition', { cause: networkError('ECONNREFUSED') }),
    ],
    ['an outage among several failures', new AggregateError([networkError('ECONNREFUSED')], 'failed')],
  ])('answers 503 SERVICE_UNAVAILABLE with Retry-After for %s', (_case, error) => {
    const { status, headers, body } = answer(error);

    expect(status).toBe(503);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(String(body.detail)).not.toMatch(/127\.0\.0\.1|ECONN|Exception/);
  });

  it.each([
    ['a programming error', new TypeError("cannot read properties of undefined (reading 'pk')")],
    [
      'a request DynamoDB refuses as invalid',
      Object.assign(new Error('One or more parameter values were invalid'), {
        name: 'ValidationException',
        $fault: 'client',
        ...metadata,
      }),
    ],
    [
      'a condition that failed where none was expected',
      new ConditionalCheckFailedException({ message: 'failed', ...metadata }),
    ],
    [
      'a transaction cancelled by a condition',
      new TransactionCanceledException({
        message: 'cancelled',
        ...metadata,
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'ThrottlingError' }],
      }),
    ],
  ])('keeps %s a 500 that says nothing internal', (_case, error) => {
    const { status, headers, body } = answer(error);

    expect(status).toBe(500);
    expect(headers['retry-after']).toBeUndefined();
    expect(body).toMatchObject({ code: 'INTERNAL' });
    expect(String(body.detail)).toContain('req-1');
  });

  it('passes an AppError through with its own status and code', () => {
    const { status, body } = answer(new AppError('QUOTA_FULL', 'no places left'));

    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'QUOTA_FULL', detail: 'no places left' });
  });

  it('sends Retry-After with an AppError that names when to come back', () => {
    const { status, headers, body } = answer(
      new AppError('RATE_LIMITED', 'too many requests for this key', undefined, { retryAfterSeconds: 7 }),
    );

    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('7');
    expect(body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too Many Requests' });
  });
});
