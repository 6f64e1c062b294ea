import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, type WebBuild } from '../build.ts';

const FIRST_PAGE_BUDGET_BYTES = 80 * 1024;

let build: WebBuild;
let handler: typeof import('../../functions/http/web.ts').handler;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bayu-web-'));
  build = await buildWeb(dir);
  process.env.WEB_ASSETS_DIR = dir;
  process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:4569';
  ({ handler } = await import('../../functions/http/web.ts'));
}, 60_000);
afterAll(async () => {
  delete process.env.WEB_ASSETS_DIR;
  await rm(build.outdir, { recursive: true, force: true });
});

const get = async (routeKey: string, file?: string) => {
  const event = {
    routeKey,
    headers: {},
    requestContext: { requestId: 'web-test', http: { sourceIp: '127.0.0.1' } },
    ...(file ? { pathParameters: { file } } : {}),
  } as unknown as APIGatewayProxyEventV2;
  return (await handler(event, { functionName: 'web-app', awsRequestId: 'web-test' } as Context))!;
};

describe('the web app build and its serving function', () => {
  it('keeps the first page JavaScript within 80 KB gzipped', () => {
    expect(build.firstPageJsGzipBytes).toBeLessThanOrEqual(FIRST_PAGE_BUDGET_BYTES);
    expect(build.assets.every((a) => /-[A-Z0-9]{8}\.(js|css)$/.test(a.file))).toBe(true);
  });

  it("loads the secretariat's console on demand, not with the first page", async () => {
    expect(build.assets.some((a) => /^console-/.test(a.file))).toBe(true);
    expect(build.consoleJsGzipBytes).toBeGreaterThan(0);
    expect((await get('GET /')).body).not.toContain('console-');
  });

  it('serves the page no-cache with the system clock and a strict CSP', async () => {
    const page = await get('GET /');
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['cache-control']).toBe('no-cache');
    const csp = String(page.headers?.['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4569");
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toMatch(/<meta name="app-clock" content="\d{4}-\d\d-\d\dT[^"]+Z">/);
    expect(page.body).not.toMatch(/<script>|<style>|https?:\/\//);
  });

  it('serves the hashed assets immutable, and nothing else', async () => {
    const script = build.assets.find((a) => a.file.endsWith('.js'))!.file;
    const asset = await get('GET /assets/{file}', script);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers?.['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers?.['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('GET /assets/{file}', '../index.html')).statusCode).toBe(404);
    expect((await get('GET /assets/{file}', 'nope.js')).statusCode).toBe(404);
  });
});
