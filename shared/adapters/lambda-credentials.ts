/**
 * What the Lambda bundles get in place of `@aws-sdk/credential-provider-node` (infra/bundling.ts aliases it
 * here): Lambda hands a function its role's credentials in the environment, so the default chain's other
 * providers (SSO, STS web identity, INI files, the instance metadata service) are code a function loads on
 * every cold start and never runs. The tests and the local runtime import the SDK unbundled and keep the full
 * chain (the local runtime also sets the stand-ins' credentials in the environment).
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Same name and signature as the default chain's entry point, which each client's runtime config calls. */
export const defaultProvider = fromEnv;
