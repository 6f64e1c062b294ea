/**
 * Builds the web app with the project's esbuild: content-hashed files under `<outdir>/assets/` (served with a
 * long cache) and `<outdir>/index.html` naming them (served no-cache). No inline script or style, so the page
 * runs under a strict Content-Security-Policy. `npx tsx web/build.ts [outdir]` (default web/dist).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export interface WebBuild {
  outdir: string;
  /** Asset file names (under assets/), and each one's size raw and gzipped. */
  assets: { file: string; bytes: number; gzipBytes: number }[];
  /** JavaScript the first page loads, gzipped. */
  firstPageJsGzipBytes: number;
}

/**
 * The page the server serves at `/`. Its empty icon (`data:,`, allowed by the CSP's img-src) keeps browsers from
 * asking for /favicon.ico, which the system does not serve: that 404 was a console error on every page.
 */
export function indexHtml(script: string, style: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="competition" content="bayu-2023">
<title>“巴渝工匠”杯参赛报名</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${style}">
<script type="module" src="/assets/${script}"></script>
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
  const outputs = Object.keys(result.metafile.outputs).map((file) => resolve(file));
  const script = outputs.find((f) => f.endsWith('.js'));
  const style = outputs.find((f) => f.endsWith('.css'));
  if (!script || !style) throw new Error('the web build made no script or no stylesheet');
  await writeFile(join(outdir, 'index.html'), indexHtml(basename(script), basename(style)));

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
  const firstPageJsGzipBytes = assets
    .filter((a) => a.file.endsWith('.js'))
    .reduce((n, a) => n + a.gzipBytes, 0);
  return { outdir, assets, firstPageJsGzipBytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const build = await buildWeb(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const a of build.assets) {
    console.log(
      `${a.file}  ${(a.bytes / 1024).toFixed(1)} KiB, gzipped ${(a.gzipBytes / 1024).toFixed(1)} KiB`,
    );
  }
  console.log(`first page JavaScript, gzipped: ${(build.firstPageJsGzipBytes / 1024).toFixed(1)} KiB`);
}
