/**
 * How every function is bundled, shared by the CDK app (infra/cdk/app-function.ts) and the measurements
 * (scripts/bundle-sizes.ts), so that what is measured is what is deployed.
 */
import { join } from 'node:path';

/**
 * Bundled handlers are ESM, but some bundled CommonJS dependencies still call `require`; esbuild's ESM output
 * has no `require`, so the bundle defines one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Non-ASCII text (the Chinese labels, messages and mail templates) kept as UTF-8 rather than escaped as
 * `\uXXXX`: half the bytes for each character, and Node reads every module as UTF-8.
 */
export const BUNDLE_CHARSET = 'utf8' as const;

/**
 * Packages replaced when bundling (esbuild `alias`), keyed by package, valued by a path under `root`:
 * - the SDK's default credential chain by the environment provider alone (see lambda-credentials.ts);
 * - `@aws-sdk/client-s3` by the project's own copy: `@aws-sdk/s3-presigned-post` pins an older release and
 *   brings a second client-s3 of its own (74 KiB in photos-api) for its one use of PutObjectCommand.
 */
export function bundleAliases(root: string): Record<string, string> {
  return {
    '@aws-sdk/credential-provider-node': join(root, 'shared/adapters/lambda-credentials.ts'),
    '@aws-sdk/client-s3': join(root, 'node_modules/@aws-sdk/client-s3'),
  };
}
