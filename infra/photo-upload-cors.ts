/**
 * The photo bucket's CORS rule: the web app posts photos straight to S3 (presigned POST, with an upload progress
 * listener, so the browser sends a preflight) from its own origin. The local runtime applies it to the S3
 * stand-in with the gateway's origin; the CDK app is to apply the same rule with the deployed app's origin.
 */
export interface PhotoUploadCorsRule {
  allowedOrigins: string[];
  allowedMethods: ['POST'];
  allowedHeaders: ['*'];
  maxAgeSeconds: number;
}

export const photoUploadCors = (origins: string[]): PhotoUploadCorsRule => ({
  allowedOrigins: origins.map((o) => new URL(o).origin),
  allowedMethods: ['POST'],
  allowedHeaders: ['*'],
  maxAgeSeconds: 3000,
});
