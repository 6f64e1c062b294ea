/**
 * The edge of every function: each log line carries the invocation's request id, function name and cold-start
 * flag; HTTP errors become problem details; an event is parsed with its contract, and a failure is logged
 * formatted (kind and message, never the input) and rethrown for the platform to retry.
 */
import type { APIGatewayProxyEventV2, Context, EventBridgeEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegistrationSubmitted, RegistrationWithdrawn } from '#events/registration-events.ts';

// The logger reads its level when first imported; the tests run at `warn`, and these read `info` lines.
process.env.LOG_LEVEL = 'info';
const { eventFunction } = await import('#functions/lib/event.ts');
const { httpFunction } = await import('#functions/lib/http.ts');
const { logger } = await import('#shared/logging/logger.ts');

let lines: Array<Record<string, unknown>>;
let text: string[];

beforeEach(() => {
  lines = [];
  text = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    text.push(String(line));
    lines.push(JSON.parse(String(line)) as Record<string, unknown>);
  });
});
afterEach(() => vi.restoreAllMocks());

const context = (functionName: string, awsRequestId: string) =>
  ({ functionName, awsRequestId, getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;

const httpEvent = (routeKey: string, requestId: string): APIGatewayProxyEventV2 =>
  ({
    routeKey,
    rawPath: '/',
    headers: {},
    requestContext: { requestId, http: { sourceIp: '127.0.0.1' } },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

describe('httpFunction', () => {
  const handler = httpFunction({
    'GET /v1/ok': async () => {
      logger.info('inside the route');
      return { status: 200, body: { ok: true } };
    },
    'GET /v1/broken': async () => {
      throw new Error('item 110101199003070011 unreadable');
    },
  });

  it('gives every line the API request id, the function name and the cold-start flag', async () => {
    await handler(httpEvent('GET /v1/ok', 'api-1'), context('http-fn', 'lambda-1'));
    await handler(httpEvent('GET /v1/ok', 'api-2'), context('http-fn', 'lambda-2'));

    expect(lines.map((l) => [l.message, l.requestId, l.functionName, l.coldStart])).toEqual([
      ['inside the route', 'api-1', 'http-fn', true],
      ['request', 'api-1', 'http-fn', true],
      ['inside the route', 'api-2', 'http-fn', false],
      ['request', 'api-2', 'http-fn', false],
    ]);
    expect(lines[1]).toMatchObject({ route: 'GET /v1/ok', status: 200 });
  });

  it('answers a fault with a bare 500 problem, logged as kind and message only', async () => {
    const response = await handler(httpEvent('GET /v1/broken', 'api-3'), context('http-fn-2', 'lambda-3'));

    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ code: 'INTERNAL', status: 500 });
    expect(lines.map((l) => l.message)).toEqual(['request failed', 'request']);
    expect(lines[0]).toMatchObject({ requestId: 'api-3', errorName: 'Error', route: 'GET /v1/broken' });
    expect(lines[1]).toMatchObject({ status: 500 });
    expect(text.join('\n')).not.toContain('at ');
  });

  it('answers a route it does not serve with a NOT_FOUND problem', async () => {
    const response = await handler(httpEvent('GET /v1/elsewhere', 'api-4'), context('http-fn', 'lambda-4'));
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('httpFunction with files (a bulk import)', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const handler = httpFunction({
    'POST /v1/echo': async (req) => ({ status: 200, bytes: req.bytes(), headers: { 'content-type': XLSX } }),
  });
  const fileEvent = (bytes: Buffer, type = XLSX) =>
    ({
      ...httpEvent('POST /v1/echo', 'api-f'),
      headers: { 'content-type': type },
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    }) as APIGatewayProxyEventV2;

  it('hands a route the bytes API Gateway base64-encoded, and sends a file back base64-encoded', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xd0, 0xcf]);
    const response = await handler(fileEvent(bytes), context('http-fn', 'lambda-f'));
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(true);
    expect(Buffer.from(response.body ?? '', 'base64')).toEqual(bytes);
    expect(response.headers?.['content-type']).toBe(XLSX);
  });

  it('takes a workbook up to 2 MB and refuses a larger one as 413; other bodies stay far smaller', async () => {
    const twoMb = 2 * 1024 * 1024;
    expect((await handler(fileEvent(Buffer.alloc(twoMb)), context('http-fn', 'l'))).statusCode).toBe(200);
    const large = await handler(fileEvent(Buffer.alloc(twoMb + 1)), context('http-fn', 'l'));
    expect(large.statusCode).toBe(413);
    expect(JSON.parse(large.body ?? '{}')).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const notAFile = await handler(
      fileEvent(Buffer.alloc(300 * 1024), 'application/octet-stream'),
      context('f', 'l'),
    );
    expect(notAFile.statusCode).toBe(400);
  });
});

const ref = {
  registrationId: 'reg_1',
  competitionId: 'bayu-2023',
  unitId: 'unit_1',
  trackId: 'machine-vision',
  groupId: 'employee',
  registrationVersion: 1,
  entryVersion: 1,
  contestantCount: 1,
  actor: 'unit_1',
};
const metadata = { id: 'evt-1', version: 1, occurredAt: '2023-09-01T01:00:00Z', correlationId: 'corr-1' };
const busEvent = (detailType: string, detail: unknown) =>
  ({ id: 'bus-1', 'detail-type': detailType, source: 'bayu.registration', detail }) as EventBridgeEvent<
    string,
    unknown
  >;

describe('eventFunction', () => {
  const seen: unknown[] = [];
  const handler = eventFunction([RegistrationSubmitted, RegistrationWithdrawn], async (event) => {
    seen.push(event);
    logger.info('handled', { detailType: event.detailType });
  });

  it('hands over the detail parsed by the contract of its type, logging with the Lambda request id', async () => {
    await handler(busEvent('RegistrationWithdrawn', { metadata, data: ref }), context('event-fn', 'req-a'));

    expect(seen).toEqual([{ detailType: 'RegistrationWithdrawn', metadata, data: ref }]);
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'handled',
        requestId: 'req-a',
        functionName: 'event-fn',
        coldStart: true,
      }),
    ]);
  });

  it('logs a detail its contract refuses, formatted and without its values, and rethrows', async () => {
    const detail = { metadata, data: { ...ref, actor: ['110101199003070011'] } };

    await expect(
      handler(busEvent('RegistrationSubmitted', detail), context('event-fn', 'req-b')),
    ).rejects.toThrow();

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'invocation failed',
        detailType: 'RegistrationSubmitted',
        eventId: 'bus-1',
        errorName: 'ZodError',
        requestId: 'req-b',
        coldStart: false,
      }),
    ]);
    expect(text.join('\n')).not.toContain('110101199003070011');
  });

  it('refuses an event of a type it does not consume', async () => {
    await expect(
      handler(busEvent('TrackClosed', { metadata, data: {} }), context('event-fn', 'req-c')),
    ).rejects.toThrow('does not consume TrackClosed');
    expect(lines[0]).toMatchObject({ message: 'invocation failed', detailType: 'TrackClosed' });
  });
});
