/**
 * The upload grant's POST policy, decoded. The S3 stand-in ignores policies, so this is where the conditions
 * S3 enforces in AWS are proven: exact key, size range, content type, bucket and a short expiry.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3PhotoStorage } from '#shared/adapters/s3-photo-storage.ts';
import { PHOTO_MAX_BYTES, PHOTO_MIN_BYTES } from '#shared/domain/photo-rules.ts';
import { UPLOAD_GRANT_SECONDS } from '#shared/use-cases/photos.ts';

const client = new S3Client({
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' },
});
const storage = new S3PhotoStorage(client, 'photo-bucket');
const KEY = 'uploads/bayu-2023/reg_01J/01JUPLOAD';

async function grant(contentType = 'image/jpeg') {
  const signedAt = Date.now();
  const upload = await storage.presignUpload({
    key: KEY,
    contentType,
    minBytes: PHOTO_MIN_BYTES,
    maxBytes: PHOTO_MAX_BYTES,
    expiresInSeconds: UPLOAD_GRANT_SECONDS,
  });
  const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };
  return { upload, policy, signedAt };
}

describe('the photo upload policy', () => {
  it('pins the exact key, the bucket, 20 KB to 5 MB and the content type', async () => {
    const { policy, upload } = await grant();
    expect(policy.conditions).toContainEqual({ key: KEY });
    expect(policy.conditions).toContainEqual({ bucket: 'photo-bucket' });
    expect(policy.conditions).toContainEqual(['content-length-range', 20 * 1024, 5 * 1024 * 1024]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/jpeg']);
    expect(upload.fields).toMatchObject({ key: KEY, 'Content-Type': 'image/jpeg' });
    // No starts-with on the key: the form can write nothing but this one object.
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
  });

  it('is signed with SigV4 for the session credentials, each form field covered by a condition', async () => {
    const { policy, upload } = await grant('image/png');
    expect(upload.fields['X-Amz-Algorithm']).toBe('AWS4-HMAC-SHA256');
    expect(upload.fields['X-Amz-Credential']).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/ap-southeast-1\/s3\/aws4_request$/,
    );
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/png']);
    for (const [name, value] of Object.entries(upload.fields)) {
      if (name === 'Policy' || name === 'X-Amz-Signature' || name === 'Content-Type') continue;
      expect(policy.conditions, name).toContainEqual({ [name]: value });
    }
  });

  it('expires within ten minutes', async () => {
    const { policy, signedAt, upload } = await grant();
    const lifetime = Date.parse(policy.expiration) - signedAt;
    expect(lifetime).toBeGreaterThan(9 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60 * 1000);
    expect(upload.expiresInSeconds).toBeLessThanOrEqual(600);
  });
});
