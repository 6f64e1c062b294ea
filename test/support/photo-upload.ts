/** A contestant photo sent as a browser would: the grant from the API, then the presigned POST form. */
import { expect } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { api } from './local-api.ts';

export async function uploadThroughGrant(
  runtime: LocalRuntime,
  upload: { token: string; registrationId: string; index: number; file: Buffer; fileName?: string },
): Promise<string> {
  const { token, registrationId, index, file } = upload;
  const grant = await api(runtime)('POST', `/v1/registrations/${registrationId}/contestants/${index}/photo`, {
    token,
  });
  expect(grant.status).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(grant.body.upload.fields as Record<string, string>)) {
    form.append(name, value);
  }
  form.append('file', new Blob([file], { type: 'image/jpeg' }), upload.fileName ?? 'photo.jpg');
  const response = await fetch(grant.body.upload.url, { method: 'POST', body: form });
  expect(response.status).toBeLessThan(300);
  return grant.body.uploadId as string;
}
