/**
 * Which origins may post photos to the bucket from the web app. The app is served by the HTTP API itself, whose
 * default address (`https://<id>.execute-api.<region>.<suffix>`) is only known once the stateless stack exists,
 * after the bucket: the rule names every API Gateway address of the bucket's region by S3's one-wildcard pattern,
 * and the domains the app is published under (`-c webOrigins=https://bm.example.gov.cn`, comma-separated; in the
 * China regions an ICP-registered domain is the only way to publish it) by name.
 */
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { originOf } from '../photo-upload-cors.ts';

/** cdk.json context (or `-c webOrigins=https://a,https://b`): the custom domains the web app is served under. */
export const WEB_ORIGINS_CONTEXT = 'webOrigins';

/** The configured custom origins, validated: a typo would otherwise only show as a failing upload. */
export function webOrigins(scope: IConstruct): string[] {
  const configured = String(scope.node.tryGetContext(WEB_ORIGINS_CONTEXT) ?? '');
  return configured
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        // Reported below with the value.
      }
      if (url?.protocol !== 'https:' || originOf(value) !== value.replace(/\/$/, '')) {
        throw new Error(
          `context ${WEB_ORIGINS_CONTEXT} holds a value that is not an https origin (https://host[:port]): ${value}`,
        );
      }
      return originOf(value);
    });
}

/** Every origin the bucket's CORS rule names: the region's API Gateway addresses and the custom domains. */
export function photoUploadOrigins(scope: IConstruct): string[] {
  const stack = Stack.of(scope);
  return [`https://*.execute-api.${stack.region}.${stack.urlSuffix}`, ...webOrigins(scope)];
}
