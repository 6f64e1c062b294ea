/**
 * Builds the web app with the project's esbuild: content-hashed files under `<outdir>/assets/` (served with a
 * long cache) and `<outdir>/index.html` naming them (served no-cache). No inline script or style, so the page
 * runs under a strict Content-Security-Policy. The secretariat's console is split into chunks of its own (ES
 * module `import()` from this origin, which `script-src 'self'` allows): a unit's first page never loads it.
 * Beside it, `<outdir>/docs.html`: the API's documentation page, made from the OpenAPI document by Redocly in one
 * self-contained file (its scripts and styles inline: functions/http/web.ts gives it a CSP of its own).
 * `npx tsx web/build.ts [outdir]` (default web/dist).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { openApiDocument } from '../functions/lib/openapi.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface WebBuild {
  outdir: string;
  /** Asset file names (under assets/), and each one's size raw and gzipped. */
  assets: { file: string; bytes: number; gzipBytes: number }[];
  /** JavaScript the first page loads (the entry and the chunks it imports statically), gzipped. */
  firstPageJsGzipBytes: number;
  /** JavaScript loaded only when a member of the secretariat signs in, gzipped. */
  consoleJsGzipBytes: number;
}

/**
 * The page the server serves at `/`. Its empty icon (`data:,`, allowed by the CSP's img-src) keeps browsers from
 * asking for /favicon.ico, which the system does not serve: that 404 was a console error on every page.
 */
export function indexHtml(script: string, style: string, preloads: string[] = []): string {
  // The chunks the entry imports, fetched alongside it rather than after it has been parsed.
  const modulePreloads = preloads
    .map((file) => `<link rel="modulepreload" href="/assets/${file}">\n`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="competition" content="bayu-2023">
<title>“巴渝工匠”杯参赛报名</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${style}">
${modulePreloads}<script type="module" src="/assets/${script}"></script>
</head>
<body>
<div id="app"><noscript>本报名系统需要启用浏览器的 JavaScript。</noscript></div>
</body>
</html>
`;
}

export async function buildWeb(outdir = join(here, 'dist')): Promise<WebBuild> {
  const assetsDir = join(outdir, 'assets');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(here, 'src/main.tsx')],
    tsconfig: join(here, 'tsconfig.json'),
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    target: ['chrome100', 'firefox100', 'safari15'],
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir: assetsDir,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    write: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const meta = result.metafile.outputs;
  const outputs = Object.keys(meta).map((file) => resolve(file));
  const entry = Object.keys(meta).find((f) => meta[f]!.entryPoint !== undefined && f.endsWith('.js'));
  const script = entry && resolve(entry);
  const style = outputs.find((f) => f.endsWith('.css'));
  if (!script || !style) throw new Error('the web build made no script or no stylesheet');

  const { readFile } = await import('node:fs/promises');
  const assets = await Promise.all(
    outputs.map(async (file) => {
      const bytes = await readFile(file);
      return {
        file: relative(assetsDir, file),
        bytes: bytes.length,
        gzipBytes: gzipSync(bytes, { level: 9 }).length,
      };
    }),
  );
  // The first page: the entry and, transitively, what it imports statically (shared chunks).
  const firstPage = new Set<string>();
  const visit = (file: string) => {
    if (firstPage.has(file)) return;
    firstPage.add(file);
    for (const i of meta[file]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry!);
  const firstPageFiles = new Set([...firstPage].map((f) => relative(assetsDir, resolve(f))));
  const preloads = [...firstPageFiles].filter((f) => f !== basename(script));
  await writeFile(join(outdir, 'index.html'), indexHtml(basename(script), basename(style), preloads));
  await buildDocs(join(outdir, 'docs.html'));
  const gzipOf = (pick: (file: string) => boolean) =>
    assets.filter((a) => a.file.endsWith('.js') && pick(a.file)).reduce((n, a) => n + a.gzipBytes, 0);
  return {
    outdir,
    assets,
    firstPageJsGzipBytes: gzipOf((f) => firstPageFiles.has(f)),
    consoleJsGzipBytes: gzipOf((f) => !firstPageFiles.has(f)),
  };
}

/**
 * Redoc's attribution logo is wired to Redocly's CDN inside its bundle. The page loads nothing from outside the
 * system (its CSP would refuse it, and the browser would log the refusal): the logo becomes an empty image.
 */
const REDOC_CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const EMPTY_SVG = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E';

/**
 * The documentation page: `redocly build-docs --inlineBundle`, which embeds Redoc's scripts instead of loading
 * them from Redocly's CDN (the system serves nothing from outside itself, and the CSP allows no other origin).
 */
export async function buildDocs(outfile: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bayu-docs-'));
  try {
    const document = join(work, 'openapi.json');
    await writeFile(document, JSON.stringify(openApiDocument()));
    const redocly = join(here, '..', 'node_modules', '.bin', 'redocly');
    await promisify(execFile)(
      redocly,
      ['build-docs', document, '--inlineBundle', '--title', '“巴渝工匠”杯参赛报名 API', '--output', outfile],
      {
        // Offline: no usage report, no update check.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const page = await readFile(outfile, 'utf8');
  // Also an empty icon, as the app's page has: browsers otherwise ask for /favicon.ico, a 404 in the console.
  const local = page
    .replace(REDOC_CDN_LOGO, EMPTY_SVG)
    .replace(/<head>/i, '<head>\n<link rel="icon" href="data:,">');
  // A Redoc release that loads anything else from its CDN must be looked at, not served.
  if (!page.match(REDOC_CDN_LOGO) || local.includes('cdn.redoc.ly') || !local.includes('rel="icon"'))
    throw new Error('the Redoc page changed (its CDN logo or its <head>): check web/build.ts');
  await writeFile(outfile, local);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const build = await buildWeb(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const a of build.assets) {
    console.log(
      `${a.file}  ${(a.bytes / 1024).toFixed(1)} KiB, gzipped ${(a.gzipBytes / 1024).toFixed(1)} KiB`,
    );
  }
  console.log(`first page JavaScript, gzipped: ${(build.firstPageJsGzipBytes / 1024).toFixed(1)} KiB`);
  console.log(`console JavaScript (on demand), gzipped: ${(build.consoleJsGzipBytes / 1024).toFixed(1)} KiB`);
}
