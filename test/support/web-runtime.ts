/**
 * The local runtime of a browser test file, serving the web app built fresh into a temporary folder (the web
 * function reads WEB_ASSETS_DIR on its first request, in this process), removed after the file's tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { localRuntimeOfFile } from './local-runtime.ts';

export function localRuntimeServingWebApp(clockStart: string) {
  let webDir: string | undefined;
  const local = localRuntimeOfFile(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'bayu-browser-web-'));
    await buildWeb(webDir);
    process.env.WEB_ASSETS_DIR = webDir;
    return { clockStart };
  });
  afterAll(async () => {
    delete process.env.WEB_ASSETS_DIR;
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });
  return local;
}
