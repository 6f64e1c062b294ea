/** The photo use cases over in-memory ports: grant, check results, completion, idempotence, export names. */
import { describe, expect, it, vi } from 'vitest';
import { amend, type Registration, submit } from '#shared/domain/registration.ts';
import type { RegistrationInput } from '#shared/domain/registration-input.ts';
import type { PhotoCheck, PhotoChecker, PhotoStorage } from '#shared/ports/photos.ts';
import {
  checkUploadedPhoto,
  exportTrackPhotos,
  grantPhotoUpload,
  type PhotoDeps,
} from '#shared/use-cases/photos.ts';
import {
  edition2023,
  enterpriseUnit,
  FixedClock,
  InMemoryEditionStore,
  InMemoryRegistrationStore,
  InMemoryUnitStore,
  secretariatMember,
  unitPrincipal,
} from '../support/fake-ports.ts';
import { aiTrainerEmployeeTeam } from '../support/local-api.ts';

const OPEN = '2023-09-01T01:00:00.000Z';
const UNIT = unitPrincipal('unit_ent_1');
const SECRETARIAT = secretariatMember;

function fakeStorage() {
  const objects = new Map<string, Uint8Array>();
  const storage = {
    objects,
    presignUpload: vi.fn<PhotoStorage['presignUpload']>(async (input) => ({
      url: 'https://bucket.example',
      fields: { key: input.key },
      expiresInSeconds: input.expiresInSeconds,
    })),
    presignDownload: vi.fn<PhotoStorage['presignDownload']>(async (key) => ({
      url: `https://bucket.example/${key}`,
      expiresInSeconds: 300,
    })),
    read: vi.fn<PhotoStorage['read']>(async (key) => {
      const bytes = objects.get(key);
      return bytes ? { bytes } : undefined;
    }),
    put: vi.fn<PhotoStorage['put']>(async (key, bytes) => {
      objects.set(key, bytes);
    }),
    delete: vi.fn<PhotoStorage['delete']>(async (key) => {
      objects.delete(key);
    }),
    writeZip: vi.fn<PhotoStorage['writeZip']>(async () => undefined),
  };
  return storage;
}

function setup(options: { check?: PhotoCheck; retentionDays?: number } = {}) {
  const edition = edition2023();
  if (options.retentionDays !== undefined)
    edition.settings.photoOriginalRetentionDays = options.retentionDays;
  const registrations = new InMemoryRegistrationStore();
  const storage = fakeStorage();
  const checker: PhotoChecker = {
    check: vi.fn(
      async (): Promise<PhotoCheck> =>
        options.check ?? { ok: true, jpeg: new Uint8Array([1, 2, 3]), width: 413, height: 579 },
    ),
  };
  const clock = new FixedClock(OPEN);
  let counter = 0;
  const deps: PhotoDeps = {
    registrations,
    editions: new InMemoryEditionStore(edition),
    units: new InMemoryUnitStore(enterpriseUnit()),
    storage,
    checker,
    clock,
    newId: () => `ID${String(++counter).padStart(4, '0')}`,
  };
  const input = aiTrainerEmployeeTeam() as RegistrationInput;
  const { registration, history } = submit(
    input,
    { registrationId: 'reg_1', competitionId: 'bayu-2023', unitId: 'unit_ent_1' },
    { actor: 'unit_ent_1' },
    OPEN,
  );
  registrations.entries.set('reg_1', { registration, history: [history] });
  const current = () => registrations.entries.get('reg_1')!.registration;
  const setEligibility = (status: 'passed' | 'pending') =>
    registrations.entries.set('reg_1', {
      ...registrations.entries.get('reg_1')!,
      registration: { ...current(), eligibility: { status, findings: [] } },
    });
  /** The grant, then the upload landing in the bucket. */
  const upload = async (index: number) => {
    const granted = await grantPhotoUpload(deps, {
      principal: UNIT,
      correlationId: 'req-1',
      registrationId: 'reg_1',
      index: String(index),
      body: undefined,
    });
    const key = granted.upload.fields.key!;
    storage.objects.set(key, new Uint8Array(30 * 1024));
    return { key, uploadId: granted.uploadId };
  };
  const events = () =>
    registrations.update.mock.calls.flatMap((call) => call[0].events.map((e) => e.detailType));
  return { deps, registrations, storage, checker, clock, input, current, setEligibility, upload, events };
}

describe('the upload grant', () => {
  it('marks the photo pending on a new upload id and presigns exactly its key', async () => {
    const { deps, current, storage } = setup();
    const granted = await grantPhotoUpload(deps, {
      principal: UNIT,
      correlationId: 'req-1',
      registrationId: 'reg_1',
      index: '1',
      body: { contentType: 'image/png' },
    });
    expect(current().contestants[1]?.photo).toEqual({
      status: 'pending',
      reasons: [],
      uploadId: granted.uploadId,
    });
    expect(storage.presignUpload).toHaveBeenCalledWith({
      key: `uploads/bayu-2023/reg_1/${granted.uploadId}`,
      contentType: 'image/png',
      minBytes: 20 * 1024,
      maxBytes: 5 * 1024 * 1024,
      expiresInSeconds: 600,
    });
  });

  it('refuses another unit, a missing contestant, a closed track and a bad content type', async () => {
    const { deps, clock } = setup();
    const grant = (overrides: Partial<Parameters<typeof grantPhotoUpload>[1]>) =>
      grantPhotoUpload(deps, {
        principal: UNIT,
        correlationId: 'req-1',
        registrationId: 'reg_1',
        index: '0',
        body: undefined,
        ...overrides,
      });
    await expect(grant({ principal: unitPrincipal('unit_other') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(grant({ index: '2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(grant({ index: '-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(grant({ body: { contentType: 'application/pdf', name: 'x' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { path: '/contentType', code: 'INVALID_VALUE' },
        { path: '/name', code: 'UNKNOWN_FIELD' },
      ].map((e) => expect.objectContaining(e)),
    });
    clock.set('2023-09-29T00:00:00+08:00');
    await expect(grant({})).rejects.toMatchObject({ code: 'REGISTRATION_CLOSED' });
  });
});

describe('a grant bound to its contestant', () => {
  /** The store answers the grant's first read, then an amendment lands before the grant writes. */
  function amendAfterFirstRead(
    registrations: InMemoryRegistrationStore,
    people: (input: RegistrationInput) => RegistrationInput['contestants'],
    input: RegistrationInput,
  ) {
    const read = registrations.get.bind(registrations);
    let reads = 0;
    vi.spyOn(registrations, 'get').mockImplementation(async (id) => {
      const found = await read(id);
      if (++reads === 1 && found) {
        const change = amend(
          found.registration,
          { ...input, contestants: people(input) },
          { actor: 'unit_ent_1' },
          OPEN,
        );
        registrations.entries.set(id, { registration: change.registration, history: [] });
      }
      return found;
    });
  }

  it('lands on the person asked for when an amendment reorders the contestants meanwhile', async () => {
    const { deps, registrations, current, input, storage } = setup();
    amendAfterFirstRead(registrations, (i) => [i.contestants[1]!, i.contestants[0]!], input);
    const granted = await grantPhotoUpload(deps, {
      principal: UNIT,
      correlationId: 'req-1',
      registrationId: 'reg_1',
      index: '0',
      body: undefined,
    });
    const [asked, other] = [input.contestants[0]!, input.contestants[1]!];
    const person = (idNumber: string) => current().contestants.find((c) => c.idNumber === idNumber)!;
    expect(person(asked.idNumber).photo).toMatchObject({ status: 'pending', uploadId: granted.uploadId });
    expect(person(other.idNumber).photo.status).toBe('missing');

    storage.objects.set(granted.upload.fields.key!, new Uint8Array(30 * 1024));
    await checkUploadedPhoto(deps, { key: granted.upload.fields.key!, correlationId: 'e' });
    expect(person(asked.idNumber).photo.status).toBe('accepted');
    expect(person(other.idNumber).photo.status).toBe('missing');
  });

  it('is refused when the person asked for left the entry meanwhile', async () => {
    const { deps, registrations, current, input } = setup();
    amendAfterFirstRead(
      registrations,
      (i) => [{ ...i.contestants[0]!, idNumber: '11010519491231002X' }, i.contestants[1]!],
      input,
    );
    await expect(
      grantPhotoUpload(deps, {
        principal: UNIT,
        correlationId: 'req-1',
        registrationId: 'reg_1',
        index: '0',
        body: undefined,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(current().contestants.map((c) => c.photo.status)).toEqual(['missing', 'missing']);
  });
});

describe('the result of a check', () => {
  it('accepts the photo, stores the clean copy and publishes PhotoAccepted; the entry waits for eligibility', async () => {
    const { deps, current, storage, upload, events } = setup();
    const { key, uploadId } = await upload(0);
    expect(await checkUploadedPhoto(deps, { key, correlationId: 'evt-1' })).toBe('accepted');
    const photo = current().contestants[0]!.photo;
    expect(photo).toEqual({
      status: 'accepted',
      reasons: [],
      uploadId,
      objectKey: `photos/bayu-2023/reg_1/${uploadId}.jpg`,
    });
    expect(storage.objects.get(photo.objectKey!)).toEqual(new Uint8Array([1, 2, 3]));
    expect(current().status).toBe('submitted');
    expect(events()).toEqual(['PhotoAccepted']);
  });

  it('completes an eligible entry when its last photo is accepted (RegistrationCompleted)', async () => {
    const { deps, registrations, current, upload, setEligibility, events } = setup();
    setEligibility('passed');
    const first = await upload(0);
    const second = await upload(1);
    await checkUploadedPhoto(deps, { key: first.key, correlationId: 'evt-1' });
    expect(current().status).toBe('submitted');
    await checkUploadedPhoto(deps, { key: second.key, correlationId: 'evt-2' });
    expect(current().status).toBe('complete');
    expect(events()).toEqual(['PhotoAccepted', 'PhotoAccepted', 'RegistrationCompleted']);
    const history = registrations.entries.get('reg_1')!.history.at(-1);
    expect(history).toMatchObject({
      action: 'photo-accepted',
      actor: 'system',
      changedPaths: ['/contestants/1/photo', '/status'],
    });
  });

  it('rejects with the reasons in Chinese and English and publishes PhotoRejected', async () => {
    const { deps, current, upload, events } = setup({
      check: { ok: false, reasons: ['BACKGROUND_NOT_RED'] },
    });
    const { key } = await upload(0);
    expect(await checkUploadedPhoto(deps, { key, correlationId: 'evt-1' })).toBe('rejected');
    expect(current().contestants[0]!.photo).toMatchObject({
      status: 'rejected',
      reasons: ['BACKGROUND_NOT_RED'],
      messages: [
        { code: 'BACKGROUND_NOT_RED', zh: expect.stringContaining('红'), en: expect.stringContaining('red') },
      ],
    });
    expect(events()).toEqual(['PhotoRejected']);
  });

  it('changes nothing when the same event arrives again', async () => {
    const { deps, registrations, checker, upload } = setup();
    const { key } = await upload(0);
    await checkUploadedPhoto(deps, { key, correlationId: 'evt-1' });
    const writes = registrations.update.mock.calls.length;
    expect(await checkUploadedPhoto(deps, { key, correlationId: 'evt-1' })).toBe('ignored');
    expect(registrations.update.mock.calls.length).toBe(writes);
    expect(checker.check).toHaveBeenCalledTimes(1);
  });

  it('ignores an upload replaced by a newer grant, and one for a contestant the entry no longer has', async () => {
    const { deps, registrations, current, upload, input } = setup();
    const replaced = await upload(0);
    await upload(0);
    expect(await checkUploadedPhoto(deps, { key: replaced.key, correlationId: 'e' })).toBe('ignored');

    const left = await upload(1);
    const change = amend(
      current(),
      {
        ...input,
        contestants: [input.contestants[0]!, { ...input.contestants[1]!, idNumber: '11010519491231002X' }],
      },
      { actor: 'unit_ent_1' },
      OPEN,
    );
    registrations.entries.set('reg_1', { registration: change.registration, history: [] });
    expect(await checkUploadedPhoto(deps, { key: left.key, correlationId: 'e' })).toBe('ignored');
    expect(await checkUploadedPhoto(deps, { key: 'uploads/other/thing', correlationId: 'e' })).toBe(
      'ignored',
    );
  });

  it('follows the person when an amendment reorders the contestants', async () => {
    const { deps, registrations, current, upload, input } = setup();
    const { key } = await upload(0);
    const reordered = amend(
      current(),
      { ...input, contestants: [input.contestants[1]!, input.contestants[0]!] },
      { actor: 'unit_ent_1' },
      OPEN,
    );
    registrations.entries.set('reg_1', { registration: reordered.registration, history: [] });
    await checkUploadedPhoto(deps, { key, correlationId: 'e' });
    expect(current().contestants[1]!.idNumber).toBe(input.contestants[0]!.idNumber);
    expect(current().contestants[1]!.photo.status).toBe('accepted');
    expect(current().contestants[0]!.photo.status).toBe('missing');
  });

  it('deletes the original at once when the edition keeps originals for 0 days, and keeps it otherwise', async () => {
    for (const [days, kept] of [
      [0, false],
      [30, true],
    ] as const) {
      const { deps, storage, upload } = setup({ retentionDays: days });
      const { key } = await upload(0);
      await checkUploadedPhoto(deps, { key, correlationId: 'e' });
      expect(storage.objects.has(key), `${days} days`).toBe(kept);
    }
  });

  it('makes a complete entry submitted again when a photo is replaced', async () => {
    const { deps, current, upload, setEligibility } = setup();
    setEligibility('passed');
    for (const index of [0, 1])
      await checkUploadedPhoto(deps, { key: (await upload(index)).key, correlationId: 'e' });
    expect(current().status).toBe('complete');
    await upload(0);
    expect(current().status).toBe('submitted');
  });
});

describe('the track export', () => {
  it('is for the secretariat and names the accepted photos 单位+姓名.jpg', async () => {
    const { deps, storage, upload } = setup();
    await expect(exportTrackPhotos(deps, UNIT, 'bayu-2023', 'ai-trainer')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await checkUploadedPhoto(deps, { key: (await upload(1)).key, correlationId: 'e' });
    const result = await exportTrackPhotos(deps, SECRETARIAT, 'bayu-2023', 'ai-trainer');
    expect(result.files).toBe(1);
    const [zipKey, entries] = storage.writeZip.mock.calls[0]!;
    expect(zipKey).toMatch(/^exports\/bayu-2023\/ai-trainer\/ID\d{4}\.zip$/);
    const registration: Registration = (await deps.registrations.get('reg_1'))!.registration;
    expect(entries).toEqual([
      {
        name: `重庆测试公司+${registration.contestants[1]!.name}.jpg`,
        key: registration.contestants[1]!.photo.objectKey,
      },
    ]);
    await expect(exportTrackPhotos(deps, SECRETARIAT, 'bayu-2023', 'no-such-track')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
