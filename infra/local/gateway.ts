/**
 * The local HTTP gateway: matches API Gateway routes, builds real HTTP API (payload 2.0) events, invokes the
 * handler and writes its structured result back. Routes under /local/ are helpers of this runtime only.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Invoke } from './functions.ts';
import { listenLocally, readBody } from './http.ts';
import type { LocalRoute } from './wiring.ts';

export type LocalHelper = (req: IncomingMessage, body: string) => Promise<{ status: number; body?: unknown }>;

interface CompiledRoute extends LocalRoute {
  regex: RegExp;
  names: string[];
}

function compile(route: LocalRoute): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, regex: new RegExp(`^${pattern}$`), names };
}

const TEXT_TYPES = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|x-www-form-urlencoded))/i;

function buildEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = Date.now();
  const routeKey = `${route.method} ${route.path}`;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split('; ') } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.names.length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
  return event;
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.body ?? '';
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/** API Gateway's reading of a handler's return value: a structured result, or anything else as a JSON body. */
function asStructuredResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    return result as APIGatewayProxyStructuredResultV2;
  }
  if (result === undefined) return { statusCode: 200 };
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result),
  };
}

const problem = (status: number, code: string, detail: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title: code, status, code, detail }),
});

export interface GatewayOptions {
  routes: LocalRoute[];
  invoke: Invoke;
  helpers: Record<string, LocalHelper>;
  port: number;
  onError: (error: unknown) => void;
}

export async function startGateway(options: GatewayOptions): Promise<{ server: Server; baseUrl: string }> {
  const routes = options.routes.map(compile);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) send(res, problem(500, 'INTERNAL', 'the local gateway failed; see its log'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const helper = options.helpers[`${req.method} ${url.pathname}`];
    if (helper) {
      const result = await helper(req, body.toString('utf8'));
      return send(res, {
        statusCode: result.status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(result.body ?? null),
      });
    }
    const pathMatches = routes.filter((r) => r.regex.test(url.pathname));
    const route = pathMatches.find((r) => r.method === req.method);
    if (!route) {
      // API Gateway answers an unknown method on a known path exactly like an unknown path.
      return send(res, problem(404, 'NOT_FOUND', `no route ${req.method} ${url.pathname}`));
    }
    const values = route.regex.exec(url.pathname)?.slice(1) ?? [];
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')]));
    const result = await options.invoke(route.functionName, buildEvent(req, url, route, params, body));
    send(res, asStructuredResult(result));
  }

  return { server, baseUrl: await listenLocally(server, options.port) };
}
