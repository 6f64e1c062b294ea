/**
 * Photos end to end on the local local.runtime: the grant, a real multipart form upload to the S3 stand-in, the check
 * through the bucket's "Object Created" event on the default bus, completion, the download link and the ZIP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  aiTrainerEmployeeTeam,
  createUnit,
  eventually,
  judged,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { uploadThroughGrant } from '../support/photo-upload.ts';
import { COLOURS, makePhoto } from '../support/photos.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';

const local = localRuntimeOfFile({ clockStart: OPEN });

/** Waits for the eligibility check (run on every submission) to pass the entry, as it does for these people. */
async function passEligibility(registrationId: string): Promise<void> {
  await judged(local.runtime, registrationId, (r) => r.eligibility.status === 'passed');
}

const uploadPhoto = (token: string, registrationId: string, index: number, file: Buffer, fileName?: string) =>
  uploadThroughGrant(local.runtime, {
    token,
    registrationId,
    index,
    file,
    ...(fileName ? { fileName } : {}),
  });

/** A new unit with a machine-vision entry of one contestant. */
async function unitWithEntry(kind: 'enterprise' | 'school' = 'enterprise') {
  const unit = await createUnit(local.runtime, kind);
  const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: machineVisionEntry() });
  return { unit, id: created.body.registrationId as string };
}

const registrationOf = async (token: string, id: string) =>
  (await local.call('GET', `/v1/registrations/${id}`, { token })).body;

/** The registration as soon as `ready` holds for it: the check runs after the upload, asynchronously. */
const registrationWhen = (token: string, id: string, ready: (registration: any) => boolean) =>
  eventually(async () => {
    const registration = await registrationOf(token, id);
    return ready(registration) ? registration : undefined;
  });

describe('a contestant photo', () => {
  it('uploaded through the grant is checked, accepted, stored clean, and completes the eligible entry', async () => {
    const { unit, id } = await unitWithEntry('school');
    await passEligibility(id);

    const uploadId = await uploadPhoto(unit.token, id, 0, await makePhoto({ gps: true }));
    const done = await registrationWhen(unit.token, id, (r) => r.status === 'complete');
    expect(done.contestants[0].photo).toMatchObject({ status: 'accepted', reasons: [], uploadId });
    const published = await eventually(() => {
      const types = local.runtime.bus.published
        .filter((e) => (e.detail as any)?.data?.registrationId === id)
        .map((e) => e['detail-type']);
      return types.includes('RegistrationCompleted') ? types : undefined;
    });
    expect(published).toEqual(expect.arrayContaining(['PhotoAccepted', 'RegistrationCompleted']));

    // The owner and the secretariat get a short-lived link to the cleaned copy; another unit does not.
    const link = await local.call('GET', `/v1/registrations/${id}/contestants/0/photo`, {
      token: unit.token,
    });
    expect(link.status).toBe(200);
    expect(link.body.expiresInSeconds).toBeLessThanOrEqual(300);
    const stored = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 413, height: 579 });
    expect(metadata.exif).toBeUndefined();
    const asSecretariat = await local.call('GET', `/v1/registrations/${id}/contestants/0/photo`, {
      token: local.runtime.secretariatToken,
    });
    expect(asSecretariat.status).toBe(200);
    const other = await createUnit(local.runtime);
    expect(
      (await local.call('GET', `/v1/registrations/${id}/contestants/0/photo`, { token: other.token })).status,
    ).toBe(404);
  });

  it('on a blue background is rejected with reasons in Chinese and English, and the entry stays submitted', async () => {
    const { unit, id } = await unitWithEntry();
    await passEligibility(id);
    await uploadPhoto(unit.token, id, 0, await makePhoto({ background: COLOURS.blue }));
    const { photo } = (
      await registrationWhen(unit.token, id, (r) => r.contestants[0].photo.status === 'rejected')
    ).contestants[0];
    expect(photo.reasons).toEqual(['BACKGROUND_NOT_RED']);
    expect(photo.messages[0]).toMatchObject({
      zh: expect.stringContaining('红'),
      en: expect.stringContaining('red'),
    });
    expect((await registrationOf(unit.token, id)).status).toBe('submitted');
    expect(
      (await local.call('GET', `/v1/registrations/${id}/contestants/0/photo`, { token: unit.token })).status,
    ).toBe(404);
  });

  it('grant is refused for a contestant the entry does not have, with problem+json', async () => {
    const { unit, id } = await unitWithEntry();
    const response = await local.call('POST', `/v1/registrations/${id}/contestants/1/photo`, {
      token: unit.token,
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.code).toBe('NOT_FOUND');
  });
});

describe('the ZIP of a track', () => {
  it('opens with unzip and holds 单位+姓名.jpg names, numbered where a name repeats', async () => {
    const unit = await createUnit(local.runtime, 'school');
    const entry = {
      ...aiTrainerEmployeeTeam(),
      contestants: [person({ name: '张伟' }), person({ name: '张伟' })],
    };
    const created = await local.call('POST', REGISTRATIONS, { token: unit.token, body: entry });
    expect(created.status).toBe(201);
    const id = created.body.registrationId as string;
    await uploadPhoto(unit.token, id, 0, await makePhoto({ seed: 1 }));
    await uploadPhoto(unit.token, id, 1, await makePhoto({ format: 'png', seed: 2 }), 'renamed.jpg');
    await registrationWhen(unit.token, id, (r) =>
      r.contestants.every((c: any) => c.photo.status === 'accepted'),
    );

    expect(
      (
        await local.call('GET', '/v1/competitions/bayu-2023/tracks/ai-trainer/photos.zip', {
          token: unit.token,
        })
      ).status,
    ).toBe(403);
    const response = await fetch(
      `${local.runtime.baseUrl}/v1/competitions/bayu-2023/tracks/ai-trainer/photos.zip`,
      {
        headers: { authorization: `Bearer ${local.runtime.secretariatToken}` },
        redirect: 'manual',
      },
    );
    expect(response.status).toBe(303);
    const body = (await response.json()) as { url: string; files: number };
    expect(response.headers.get('location')).toBe(body.url);
    expect(body.files).toBe(2);

    const dir = mkdtempSync(join(tmpdir(), 'bayu-zip-'));
    try {
      const zipPath = join(dir, 'photos.zip');
      writeFileSync(zipPath, Buffer.from(await (await fetch(body.url)).arrayBuffer()));
      const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
      expect(execFileSync('unzip', ['-tq', zipPath], { env }).toString()).toMatch(/No errors detected/);
      const names = execFileSync('unzip', ['-Z1', zipPath], { env }).toString().trim().split('\n');
      expect(names).toEqual([`${unit.name}+张伟.jpg`, `${unit.name}+张伟 (2).jpg`]);
      execFileSync('unzip', ['-q', zipPath, '-d', join(dir, 'out')], { env });
      const first = await sharp(join(dir, 'out', `${unit.name}+张伟 (2).jpg`)).metadata();
      expect(first.format).toBe('jpeg');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
