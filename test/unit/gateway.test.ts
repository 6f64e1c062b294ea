/**
 * The local HTTP gateway: the API Gateway v2 (payload 2.0) event it builds, route matching, local helpers and
 * how a handler's structured result is written back.
 */
import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGateway } from '#infra/local/gateway.ts';
import type { LocalRoute } from '#infra/local/wiring.ts';

const ROUTES: LocalRoute[] = [
  { method: 'GET', path: '/v1/health', functionName: 'health' },
  { method: 'GET', path: '/v1/registrations/{registrationId}', functionName: 'get-registration' },
  { method: 'PUT', path: '/v1/registrations/{registrationId}', functionName: 'amend-registration' },
  {
    method: 'POST',
    path: '/v1/competitions/{competitionId}/registrations',
    functionName: 'submit-registration',
  },
];

let result: APIGatewayProxyStructuredResultV2 | undefined | Error = { statusCode: 200, body: '{}' };
const invoke = vi.fn(async (_functionName: string, _event: unknown): Promise<unknown> => {
  if (result instanceof Error) throw result;
  return result;
});
const helper = vi.fn(async (_req: unknown, body: string) => ({
  status: 202,
  body: { helper: true, echoed: body },
}));
const onError = vi.fn();

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  ({ server, baseUrl } = await startGateway({
    routes: ROUTES,
    invoke,
    helpers: { 'GET /local/events': helper, 'PUT /local/clock': helper },
    port: 0,
    onError,
  }));
});

afterEach(() => {
  result = { statusCode: 200, body: '{}' };
  vi.clearAllMocks();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The event of the only invocation so far. */
function invokedEvent(): { functionName: string; event: APIGatewayProxyEventV2 } {
  expect(invoke).toHaveBeenCalledTimes(1);
  const [functionName, event] = invoke.mock.calls[0]!;
  return { functionName, event: event as APIGatewayProxyEventV2 };
}

describe('the API Gateway v2 event', () => {
  it('describes a GET with path parameters and a repeated query parameter', async () => {
    await fetch(`${baseUrl}/v1/registrations/reg_01%20A?a=1&a=2&b=x%20y`, {
      headers: { 'X-Correlation-Id': 'corr-9', Authorization: 'Bearer t0ken' },
    });

    const { functionName, event } = invokedEvent();
    expect(functionName).toBe('get-registration');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/registrations/{registrationId}',
      rawPath: '/v1/registrations/reg_01%20A',
      rawQueryString: 'a=1&a=2&b=x%20y',
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { registrationId: 'reg_01 A' },
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'GET /v1/registrations/{registrationId}',
        stage: '$default',
        http: { method: 'GET', path: '/v1/registrations/reg_01%20A' },
      },
    });
    expect(event.body).toBeUndefined();
    expect(event.requestContext.requestId).toEqual(expect.any(String));
    expect(event.requestContext.timeEpoch).toBeGreaterThan(0);
  });

  it('passes the headers with lower-case names and moves cookies out of them', async () => {
    await fetch(`${baseUrl}/v1/registrations/reg_1`, {
      headers: { 'X-Correlation-Id': 'corr-9', Authorization: 'Bearer t0ken', Cookie: 'a=1; b=2' },
    });

    const { event } = invokedEvent();
    expect(event.headers).toMatchObject({ 'x-correlation-id': 'corr-9', authorization: 'Bearer t0ken' });
    for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['a=1', 'b=2']);
  });

  it('has no query string parameters and no path parameters when there are none', async () => {
    await fetch(`${baseUrl}/v1/health`);

    const { event } = invokedEvent();
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
  });

  it('passes a JSON body as text', async () => {
    const body = JSON.stringify({ trackId: 'machine-vision', name: '张伟' });

    await fetch(`${baseUrl}/v1/competitions/bayu-2023/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
    });

    const { functionName, event } = invokedEvent();
    expect(functionName).toBe('submit-registration');
    expect(event.requestContext.http.method).toBe('POST');
    expect(event.pathParameters).toEqual({ competitionId: 'bayu-2023' });
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe(body);
  });

  it('passes a binary body base64-encoded', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);

    await fetch(`${baseUrl}/v1/registrations/reg_1`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: bytes,
    });

    const { event } = invokedEvent();
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });
});

describe('routing', () => {
  it.each([
    ['an unknown path', 'GET', '/v1/nothing-here'],
    ['a known path with another method', 'DELETE', '/v1/health'],
    ['a path parameter spanning segments', 'GET', '/v1/registrations/a/b'],
  ])('answers %s with a 404 problem', async (_case, method, path) => {
    const response = await fetch(`${baseUrl}${path}`, { method });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('routes the same path to the function of its method', async () => {
    await fetch(`${baseUrl}/v1/registrations/reg_1`, { method: 'PUT', body: '{}' });

    expect(invokedEvent().functionName).toBe('amend-registration');
  });

  it('answers local helpers itself, with their body as JSON, without invoking a function', async () => {
    const response = await fetch(`${baseUrl}/local/clock`, { method: 'PUT', body: '{"now":"x"}' });

    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ helper: true, echoed: '{"now":"x"}' });
    expect(helper).toHaveBeenCalledTimes(1);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('does not answer a helper for another method', async () => {
    const response = await fetch(`${baseUrl}/local/events`, { method: 'DELETE' });

    expect(response.status).toBe(404);
    expect(helper).not.toHaveBeenCalled();
  });
});

describe('the handler result', () => {
  it('is written back with its status, headers and body', async () => {
    result = {
      statusCode: 201,
      headers: { 'content-type': 'application/json', location: '/v1/registrations/reg_1', 'x-extra': 'yes' },
      body: JSON.stringify({ registrationId: 'reg_1' }),
    };

    const response = await fetch(`${baseUrl}/v1/competitions/bayu-2023/registrations`, {
      method: 'POST',
      body: '{}',
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/v1/registrations/reg_1');
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(await response.json()).toEqual({ registrationId: 'reg_1' });
  });

  it('decodes a base64-encoded result body', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    result = {
      statusCode: 200,
      headers: { 'content-type': 'application/zip' },
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    };

    const response = await fetch(`${baseUrl}/v1/health`);

    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers 204 with an empty body', async () => {
    result = { statusCode: 204 };

    const response = await fetch(`${baseUrl}/v1/health`);

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('answers 500 and reports the error when the handler throws', async () => {
    const failure = new Error('handler exploded');
    result = failure;

    const response = await fetch(`${baseUrl}/v1/health`);

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).not.toContain('handler exploded');
    expect(onError).toHaveBeenCalledWith(failure);
  });
});
