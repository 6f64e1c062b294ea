/**
 * The photo bucket's CORS rule: the web app posts photos straight to S3 (presigned POST, with an upload progress
 * listener, so the browser sends a preflight) from its own origin. The local runtime applies it to the S3
 * stand-in with the gateway's origin; the CDK app (infra/cdk/photo-upload-origins.ts) with the deployed app's.
 * The signed POST policy, not CORS, is what authorises an upload: CORS only lets the app's page read the answer.
 */
export interface PhotoUploadCorsRule {
  allowedOrigins: string[];
  allowedMethods: ['POST'];
  allowedHeaders: ['*'];
  maxAgeSeconds: number;
}

/** `origins` as CORS names them: scheme, host and port, no path (`originOf`), or a pattern with one `*`. */
export const photoUploadCors = (origins: string[]): PhotoUploadCorsRule => ({
  allowedOrigins: origins,
  allowedMethods: ['POST'],
  allowedHeaders: ['*'],
  maxAgeSeconds: 3000,
});

/** The origin of a URL the app is served from (`http://127.0.0.1:3000/` → `http://127.0.0.1:3000`). */
export const originOf = (url: string): string => new URL(url).origin;
