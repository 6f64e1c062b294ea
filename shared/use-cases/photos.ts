/**
 * Contestant photos: the upload grant, the check of what arrived, the owner's and secretariat's download link,
 * and the secretariat's ZIP of a track. Photos belong to the person: an amendment keeps a staying contestant's
 * photo (matched by ID number in `amend`), and a check result finds its contestant by the upload id the grant
 * recorded, wherever that person now stands in the entry.
 */
import * as z from 'zod';
import type { EventContract } from '#events/contract.ts';
import { PhotoAccepted, PhotoRejected } from '#events/photo-events.ts';
import { RegistrationCompleted } from '#events/registration-events.ts';
import { findTrack } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import { finishReport, fromZodIssues } from '#shared/domain/field-errors.ts';
import { exportFileNames } from '#shared/domain/photo-names.ts';
import {
  explainPhotoReason,
  PHOTO_MAX_BYTES,
  PHOTO_MIN_BYTES,
  type PhotoReason,
} from '#shared/domain/photo-rules.ts';
import { type Actor, type Principal, recordedActor } from '#shared/domain/principal.ts';
import {
  activeStatuses,
  type Contestant,
  type HistoryAction,
  isReadyToComplete,
  type Photo,
  type Registration,
} from '#shared/domain/registration.ts';
import { BUCKET_PREFIXES } from '#shared/ports/bucket-layout.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { DeadlineStore } from '#shared/ports/deadlines.ts';
import type { PhotoCheck, PhotoChecker, PhotoStorage } from '#shared/ports/photos.ts';
import type { EditionStore, OutboxEvent, RegistrationStore, UnitStore } from '#shared/ports/stores.ts';
import { requireSecretariat } from './authenticate.ts';
import { registrationOutboxEvent } from './registration-outbox.ts';
import { type Decision, updateRegistration } from './registration-updates.ts';
import { getRegistration, loadForChange, type RequestContext } from './registrations.ts';
import { unitNameOf } from './units.ts';

export interface PhotoDeps {
  registrations: RegistrationStore;
  editions: EditionStore;
  units: UnitStore;
  storage: PhotoStorage;
  checker: PhotoChecker;
  clock: Clock;
  newId: () => string;
  /** Deadline overrides: a unit whose window the secretariat reopened may still upload. */
  deadlines?: DeadlineStore;
}

/** The grant is used at once by a browser form; ten minutes is the issue's ceiling. */
export const UPLOAD_GRANT_SECONDS = 600;
/** A download link is followed right away; five minutes keeps a leaked link short-lived. */
export const DOWNLOAD_LINK_SECONDS = 300;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;

/** Object keys. Uploads carry the edition (its lifecycle rule keeps originals its retention days). */
export const photoKeys = {
  upload: (r: Pick<Registration, 'competitionId' | 'registrationId'>, uploadId: string) =>
    `${BUCKET_PREFIXES.uploads}${r.competitionId}/${r.registrationId}/${uploadId}`,
  photo: (r: Pick<Registration, 'competitionId' | 'registrationId'>, uploadId: string) =>
    `${BUCKET_PREFIXES.photos}${r.competitionId}/${r.registrationId}/${uploadId}.jpg`,
  export: (competitionId: string, trackId: string, exportId: string) =>
    `${BUCKET_PREFIXES.exports}${competitionId}/${trackId}/${exportId}.zip`,
};

const UPLOAD_KEY = /^uploads\/([a-z0-9-]+)\/(reg_[0-9A-Za-z]+)\/([0-9A-Za-z]+)$/;

export function parseUploadKey(
  key: string,
): { competitionId: string; registrationId: string; uploadId: string } | undefined {
  const match = UPLOAD_KEY.exec(key);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { competitionId: match[1], registrationId: match[2], uploadId: match[3] };
}

function contestantIndex(registration: Registration, indexText: string): number {
  const index = /^\d{1,2}$/.test(indexText) ? Number(indexText) : -1;
  if (!registration.contestants[index]) throw new AppError('NOT_FOUND', `no contestant ${indexText}`);
  return index;
}

/** The entry with one contestant's photo replaced, as the next stored version. */
function withPhoto(
  current: Registration,
  index: number,
  photo: Photo,
  action: HistoryAction,
  by: Actor,
  at: string,
): Decision['change'] {
  const registration: Registration = {
    ...current,
    contestants: current.contestants.map((c, i): Contestant => (i === index ? { ...c, photo } : c)),
    // A replaced photo is no longer accepted: a complete entry is incomplete again until it is.
    status: current.status === 'complete' && photo.status !== 'accepted' ? 'submitted' : current.status,
    version: current.version + 1,
    updatedAt: at,
  };
  const changedPaths = [`/contestants/${index}/photo`];
  if (registration.status !== current.status) changedPaths.push('/status');
  return { registration, history: { version: registration.version, action, ...by, at, changedPaths } };
}

export interface UploadGrantRequest extends RequestContext {
  registrationId: string;
  index: string;
  body: unknown;
}

/** The optional body of a grant request; without one, the upload is a JPEG. */
export const UploadRequest = z.strictObject({
  contentType: z.enum(PHOTO_CONTENT_TYPES).default('image/jpeg'),
});

function requestedContentType(body: unknown): string {
  const result = UploadRequest.safeParse(body ?? {}, { reportInput: true });
  if (!result.success) {
    const errors = finishReport(fromZodIssues(result.error.issues));
    throw new AppError('VALIDATION_FAILED', 'the upload request has invalid fields', errors);
  }
  return result.data.contentType;
}

/**
 * The owner asks to upload a contestant's photo while the track is open: the contestant's photo becomes
 * `pending` on this upload id (replacing any earlier photo), and the answer is a form upload of exactly its key.
 */
export async function grantPhotoUpload(deps: PhotoDeps, req: UploadGrantRequest) {
  const contentType = requestedContentType(req.body);
  const { existing, now } = await loadForChange(deps, req, req.registrationId);
  // The index names a person as the caller saw the entry; from here on the grant follows that person (by ID
  // number, as an amendment does with photos), so a reordering before our write cannot move it to another.
  const person = existing.contestants[contestantIndex(existing, req.index)]!.idNumber;
  const uploadId = deps.newId();
  await updateRegistration(deps.registrations, req.registrationId, (current) => {
    if (!activeStatuses.has(current.status)) {
      throw new AppError('INVALID_STATE', `the registration is ${current.status} and can no longer change`);
    }
    const index = current.contestants.findIndex((c) => c.idNumber === person);
    if (index < 0) throw new AppError('NOT_FOUND', `contestant ${req.index} is no longer on the entry`);
    const photo: Photo = { status: 'pending', reasons: [], uploadId };
    const change = withPhoto(
      current,
      index,
      photo,
      'photo-upload-granted',
      recordedActor(req.principal),
      isoAt(now),
    );
    return { change, events: [] };
  });
  const upload = await deps.storage.presignUpload({
    key: photoKeys.upload(existing, uploadId),
    contentType,
    minBytes: PHOTO_MIN_BYTES,
    maxBytes: PHOTO_MAX_BYTES,
    expiresInSeconds: UPLOAD_GRANT_SECONDS,
  });
  return { uploadId, contentType, minBytes: PHOTO_MIN_BYTES, maxBytes: PHOTO_MAX_BYTES, upload };
}

export type UploadOutcome = 'accepted' | 'rejected' | 'ignored';

/** The contestant still waiting for this upload, in an entry that can still change. */
const waitingFor = (r: Registration, uploadId: string): number =>
  activeStatuses.has(r.status)
    ? r.contestants.findIndex((c) => c.photo.status === 'pending' && c.photo.uploadId === uploadId)
    : -1;

/**
 * Checks an object that arrived under uploads/ and stores the result on its contestant. Anything that is not a
 * grant's upload, or whose contestant no longer waits for it (judged already, replaced by a newer upload, left
 * the entry, entry withdrawn), is ignored: redelivered and late events change nothing.
 */
export async function checkUploadedPhoto(
  deps: PhotoDeps,
  upload: { key: string; correlationId: string },
): Promise<UploadOutcome> {
  const ref = parseUploadKey(upload.key);
  if (!ref) return 'ignored';
  const found = await deps.registrations.get(ref.registrationId);
  if (!found || waitingFor(found.registration, ref.uploadId) < 0) return 'ignored';

  const stored = await deps.storage.read(upload.key, PHOTO_MAX_BYTES);
  if (!stored) return 'ignored';
  const result: PhotoCheck =
    'tooLarge' in stored
      ? { ok: false, reasons: ['FILE_TOO_LARGE'] }
      : await deps.checker.check(stored.bytes);
  const objectKey = photoKeys.photo(found.registration, ref.uploadId);
  // Stored before the entry points at it; a redelivery writes the same bytes to the same key.
  if (result.ok) await deps.storage.put(objectKey, result.jpeg, 'image/jpeg');

  const at = isoAt(deps.clock.nowMs());
  const updated = await updateRegistration(deps.registrations, ref.registrationId, (current) => {
    const index = waitingFor(current, ref.uploadId);
    if (index < 0) return undefined;
    const reasons: PhotoReason[] = result.ok ? [] : result.reasons;
    const photo: Photo = result.ok
      ? { status: 'accepted', reasons: [], uploadId: ref.uploadId, objectKey }
      : { status: 'rejected', reasons, uploadId: ref.uploadId, messages: reasons.map(explainPhotoReason) };
    const change = withPhoto(
      current,
      index,
      photo,
      result.ok ? 'photo-accepted' : 'photo-rejected',
      { actor: 'system' },
      at,
    );
    const events = [
      resultEvent(
        deps,
        result.ok ? PhotoAccepted : PhotoRejected,
        change.registration,
        upload.correlationId,
        {
          contestantIndex: index,
          uploadId: ref.uploadId,
          reasons,
        },
      ),
    ];
    if (isReadyToComplete(change.registration)) {
      change.registration.status = 'complete';
      change.history.changedPaths.push('/status');
      events.push(resultEvent(deps, RegistrationCompleted, change.registration, upload.correlationId, {}));
    }
    return { change, events };
  });

  const edition = await deps.editions.get(ref.competitionId);
  if (edition?.settings.photoOriginalRetentionDays === 0) await deps.storage.delete(upload.key);
  const outcome = updated?.contestants.find((c) => c.photo.uploadId === ref.uploadId)?.photo.status;
  return outcome === 'accepted' || outcome === 'rejected' ? outcome : 'ignored';
}

function resultEvent<T extends string, D extends z.ZodType>(
  deps: Pick<PhotoDeps, 'newId'>,
  contract: EventContract<T, D>,
  r: Registration,
  correlationId: string,
  extra: Record<string, unknown>,
): OutboxEvent {
  return registrationOutboxEvent(contract, r, { id: deps.newId(), actor: 'system', correlationId }, extra);
}

/** A short-lived link to a contestant's accepted photo, for its unit and the secretariat. */
export async function photoDownloadLink(
  deps: PhotoDeps,
  principal: Principal,
  registrationId: string,
  indexText: string,
) {
  const { registration } = await getRegistration(deps, principal, registrationId);
  const contestant = registration.contestants[contestantIndex(registration, indexText)]!;
  const { status, objectKey } = contestant.photo;
  if (status !== 'accepted' || !objectKey)
    throw new AppError('NOT_FOUND', 'this contestant has no accepted photo');
  const [fileName] = exportFileNames([
    { unitName: await unitNameOf(deps.units, registration.unitId), name: contestant.name },
  ]);
  return deps.storage.presignDownload(objectKey, fileName!, DOWNLOAD_LINK_SECONDS);
}

/**
 * Every accepted photo of a track's active entries in one ZIP (`单位+姓名.jpg`), streamed into the bucket, and a
 * link to it: API Gateway answers at most 6 MB, and a track's photos are more.
 */
export async function exportTrackPhotos(
  deps: PhotoDeps,
  principal: Principal,
  competitionId: string,
  trackId: string,
) {
  requireSecretariat(principal, 'photo exports are for the secretariat');
  const edition = await deps.editions.get(competitionId);
  if (!edition || !findTrack(edition, trackId)) throw new AppError('NOT_FOUND', `no track ${trackId}`);

  const photos: { unitId: string; name: string; key: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.registrations.list({
      competitionId,
      trackId,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items.filter((item) => activeStatuses.has(item.status))) {
      for (const c of r.contestants) {
        if (c.photo.status === 'accepted' && c.photo.objectKey) {
          photos.push({ unitId: r.unitId, name: c.name, key: c.photo.objectKey });
        }
      }
    }
    cursor = page.cursor;
  } while (cursor);

  const unitNames = new Map<string, string>();
  for (const unitId of new Set(photos.map((p) => p.unitId)))
    unitNames.set(unitId, await unitNameOf(deps.units, unitId));
  const names = exportFileNames(photos.map((p) => ({ unitName: unitNames.get(p.unitId)!, name: p.name })));
  const zipKey = photoKeys.export(competitionId, trackId, deps.newId());
  await deps.storage.writeZip(
    zipKey,
    photos.map((p, i) => ({ name: names[i]!, key: p.key })),
  );
  const link = await deps.storage.presignDownload(
    zipKey,
    `${competitionId}-${trackId}-photos.zip`,
    DOWNLOAD_LINK_SECONDS,
  );
  return { ...link, files: photos.length };
}
