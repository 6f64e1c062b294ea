/**
 * The time limits of the functions whose code must know its own: infra/system.ts deploys them, and the
 * composition root hands them to the use cases, whose claims (a summary build, a night's digest) must outlive
 * the holder's run before another attempt may take them over.
 */
export const BUILD_SUMMARY_TIMEOUT_SECONDS = 900;
export const SEND_DIGEST_TIMEOUT_SECONDS = 300;
