/**
 * How every function is bundled, written once: the CDK app (app-function.ts) hands these settings to
 * NodejsFunction, and `npm run bundle-sizes` and the cold-start benchmark hand them to esbuild, so what they
 * measure is what deploys.
 */
import type { BuildOptions } from 'esbuild';
import type { FunctionSpec } from '../system.ts';
import { repoRoot } from './paths.ts';

/**
 * Bundled handlers are ESM, but some bundled CommonJS dependencies still call `require`; esbuild's ESM output
 * has no `require`, so the bundle defines one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The Lambda runtime (nodejs22.x). */
export const BUNDLE_TARGET = 'node22';

/** ESM entry points of dual packages first: esbuild tree-shakes ESM, not CommonJS. */
export const MAIN_FIELDS = ['module', 'main'];

/**
 * What a bundle leaves out. Native modules come from a layer (see sharp-layer.ts), loaded with require().
 * nodemailer serves only the SMTP transport, which no deployed function uses: the CDK app sets no
 * MAIL_TRANSPORT, so they all send through SES, and the SMTP mailer imports nodemailer when it first sends.
 */
export function externalModules(spec: FunctionSpec): string[] {
  return [...(spec.nativeModules ?? []), 'nodemailer'];
}

/** The esbuild options of one function's bundle, as the CDK app builds it (minified ESM, the SDK included). */
export function esbuildOptions(spec: FunctionSpec): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: [spec.entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: BUNDLE_TARGET,
    mainFields: MAIN_FIELDS,
    external: externalModules(spec),
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'error',
  };
}
