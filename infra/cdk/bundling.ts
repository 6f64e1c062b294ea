/**
 * How every function is bundled, written once: the CDK app (app-function.ts) hands these settings to
 * NodejsFunction, and `npm run bundle-sizes` and the cold-start benchmark hand them to esbuild, so what they
 * measure is what deploys.
 */
import { join } from 'node:path';
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

/**
 * Non-ASCII text (the Chinese labels, messages and mail templates) kept as UTF-8 rather than escaped as
 * `\uXXXX`: half the bytes for each character, and Node reads every module as UTF-8.
 */
export const BUNDLE_CHARSET = 'utf8' as const;

/**
 * Packages replaced when bundling (esbuild `alias`), keyed by package, valued by a path in the repository:
 * - the SDK's default credential chain by the environment provider alone (see lambda-credentials.ts);
 * - `@aws-sdk/client-s3` by the project's own copy: `@aws-sdk/s3-presigned-post` pins an older release and
 *   brings a second client-s3 of its own (74 KiB in photos-api) for its one use of PutObjectCommand.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': join(repoRoot, 'shared/adapters/lambda-credentials.ts'),
  '@aws-sdk/client-s3': join(repoRoot, 'node_modules/@aws-sdk/client-s3'),
};

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
    alias: BUNDLE_ALIASES,
    charset: BUNDLE_CHARSET,
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'error',
  };
}
