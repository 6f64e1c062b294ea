/**
 * Serves the units' web app from the same origin as /v1 (issue 12): `GET /` the page (no-cache, with the
 * system's clock in a meta tag, which the local runtime may set in the past), `GET /assets/{file}` its
 * content-hashed files (cached for a year, immutable). Every answer carries a strict Content-Security-Policy:
 * scripts and styles from this origin only, nothing inline, requests to this origin and the photo bucket only.
 * `GET /docs` is the API's documentation page (Redoc, one self-contained file): it has its own policy, see
 * docsSecurityHeaders.
 *
 * The files are those `web/build.ts` writes: locally `web/dist` (npm start builds it), in AWS the directory
 * named by WEB_ASSETS_DIR inside the function's bundle.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HttpResult, httpFunction, type Routes } from '#functions/lib/http.ts';
import { systemClock } from '#shared/composition.ts';
import { AppError } from '#shared/domain/errors.ts';

export const WEB_ASSETS_DIR_ENV = 'WEB_ASSETS_DIR';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
};

/** Where the browser may send requests: this origin, and the bucket that takes photo uploads (presigned POST). */
function uploadOrigin(env: NodeJS.ProcessEnv): string {
  const endpoint = env.AWS_ENDPOINT_URL_S3;
  if (endpoint) return new URL(endpoint).origin;
  const region = env.AWS_REGION ?? 'us-east-1';
  return `https://*.s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

export function securityHeaders(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    `connect-src 'self' ${uploadOrigin(env)}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/**
 * The documentation page's policy. Redoc's page is built with its scripts inline (no CDN): each is allowed by its
 * hash, nothing else runs. Its styles are inline too, and styled-components adds more at run time, which no hash
 * can name: styles, which cannot run code, are allowed inline on this page only. Search runs in a worker made from
 * a blob. Nothing may be fetched from another origin, so the page needs nothing from outside the system: Redoc's
 * own attribution logo, an image on Redocly's CDN, is refused, and Redoc hides a logo that does not load.
 */
export function docsSecurityHeaders(scriptHashes: readonly string[]): Record<string, string> {
  const csp = [
    "default-src 'none'",
    `script-src ${scriptHashes.map((hash) => `'${hash}'`).join(' ')}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { ...securityHeaders(), 'content-security-policy': csp };
}

/** The CSP hash of every inline script of a page (a script ends at the first `</script`, as browsers read it). */
export const inlineScriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script/gi)].map(
    (m) =>
      `sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}`,
  );

interface Site {
  html: string;
  assets: Map<string, { body: string; type: string }>;
  docs: { html: string; headers: Record<string, string> };
}

let site: Site | undefined;

/** Reads the built app once per process. */
export function loadSite(dir: string): Site {
  const assetsDir = join(dir, 'assets');
  const assets = new Map<string, { body: string; type: string }>();
  for (const file of readdirSync(assetsDir)) {
    const type = TYPES[file.split('.').pop() ?? ''];
    if (type) assets.set(file, { body: readFileSync(join(assetsDir, file), 'utf8'), type });
  }
  const docs = readFileSync(join(dir, 'docs.html'), 'utf8');
  return {
    html: readFileSync(join(dir, 'index.html'), 'utf8'),
    assets,
    docs: { html: docs, headers: docsSecurityHeaders(inlineScriptHashes(docs)) },
  };
}

const defaultDir = () =>
  process.env[WEB_ASSETS_DIR_ENV] ?? fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The built app, read once per process; 503 until `web/build.ts` has written it. */
function builtSite(): Site {
  try {
    site ??= loadSite(defaultDir());
    return site;
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', 'the web app is not built: run `npx tsx web/build.ts`');
  }
}

const served = (text: string, headers: Record<string, string>): HttpResult => ({
  status: 200,
  text,
  headers: { ...headers, ...securityHeaders() },
});

/** The page with the system's time, so deadlines and days left follow the system's clock, not the browser's. */
const withClock = (html: string, nowMs: number) =>
  html.replace('</head>', `<meta name="app-clock" content="${new Date(nowMs).toISOString()}">\n</head>`);

export const routes = {
  'GET /': async () =>
    served(withClock(builtSite().html, systemClock.nowMs()), {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  'GET /assets/{file}': async (req) => {
    const asset = builtSite().assets.get(req.params.file ?? '');
    if (!asset) throw new AppError('NOT_FOUND', 'no such asset');
    return served(asset.body, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  },
  'GET /docs': async () => {
    const { html, headers } = builtSite().docs;
    return {
      status: 200,
      text: html,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...headers },
    };
  },
} satisfies Routes;

/** Public, like the competitions: no token, so only the stage-wide throttle applies. */
export const handler = httpFunction(routes);
