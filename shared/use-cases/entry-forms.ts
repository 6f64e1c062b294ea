/**
 * The 附件4 选手报名表 filled in from an entry, for the unit to print, stamp and bring to check-in; and a unit's
 * forms in one ZIP for the secretariat. The forms carry whole ID numbers and phones: the unit's own, fetched by
 * the unit, are not recorded (as the unit's own entry reads are not); the secretariat's downloads are recorded
 * in each entry's history before anything is made, as the console's 显示完整号码 is.
 */
import type { Edition } from '#shared/domain/edition.ts';
import { entryFormFileNames, entryFormPages } from '#shared/domain/entry-form.ts';
import { AppError } from '#shared/domain/errors.ts';
import { safeNamePart } from '#shared/domain/photo-names.ts';
import { PHOTO_MAX_BYTES } from '#shared/domain/photo-rules.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { activeStatuses, type Registration } from '#shared/domain/registration.ts';
import { paged } from '#shared/lib/paged.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { Archiver, EntryFormWriter, PrintedEntryForm } from '#shared/ports/documents.ts';
import type { PhotoStorage } from '#shared/ports/photos.ts';
import type { EditionStore, RegistrationStore, UnitStore } from '#shared/ports/stores.ts';
import { requireSecretariat } from './authenticate.ts';
import { loadEdition } from './competitions.ts';
import { recordNumbersViewed } from './personal-data-viewing.ts';
import { getRegistration } from './registrations.ts';
import { unitNameOf } from './units.ts';

export interface EntryFormDeps {
  registrations: RegistrationStore;
  editions: EditionStore;
  units: UnitStore;
  /** The photo bucket, read for the accepted photos. */
  photos: Pick<PhotoStorage, 'read'>;
  forms: EntryFormWriter;
  archiver: Archiver;
  clock: Clock;
}

export interface DownloadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * A unit's forms are answered in one response, which API Gateway caps at 6 MB (base64, so about 4.4 MB of ZIP).
 * A form's page is at most about 80 KB with its photo printed at 300 dpi (measured with an incompressible photo;
 * a real one is about half), so an entry of two is at most 160 KB, and 25 entries at most 4 MB. The notice's
 * quotas give a unit at most 6 active entries (two per group of each track): 25 is far above any unit. A unit
 * with more is refused with a clear answer, never a timeout or a 502.
 */
export const MAX_FORMS_PER_ARCHIVE = 25;

/** The box of a photo accepted but no longer in the bucket (removed by the personal-data purge). */
const PHOTO_GONE = '照片已删除';

async function printed(deps: EntryFormDeps, edition: Edition, r: Registration, unitName: string) {
  const pages: PrintedEntryForm[] = [];
  for (const page of entryFormPages(edition, r, unitName)) {
    const { photo, ...rest } = page;
    if ('missing' in photo) {
      pages.push({ ...rest, photo });
      continue;
    }
    const stored = await deps.photos.read(photo.objectKey, PHOTO_MAX_BYTES);
    pages.push({
      ...rest,
      photo: stored && 'bytes' in stored ? { jpeg: stored.bytes } : { missing: PHOTO_GONE },
    });
  }
  return deps.forms.write(pages);
}

/** A form shows every contestant's whole numbers. */
const recordFormViewed = (deps: EntryFormDeps, principal: Principal, r: Registration) =>
  recordNumbersViewed(
    deps,
    principal,
    r,
    r.contestants.map((_, i) => i),
  );

/** One entry's forms, a page per contestant: for the owning unit and the secretariat (404 for other units). */
export async function entryFormDocument(
  deps: EntryFormDeps,
  principal: Principal,
  registrationId: string,
): Promise<DownloadedFile> {
  const { registration } = await getRegistration(deps, principal, registrationId);
  const edition = await loadEdition(deps.editions, registration.competitionId);
  const unitName = await unitNameOf(deps.units, registration.unitId);
  if (principal.role === 'secretariat') {
    // Recorded first: if the record cannot be written, nothing is shown.
    await recordFormViewed(deps, principal, registration);
  }
  const [fileName] = entryFormFileNames(edition, [{ registration, unitName }]);
  return { fileName: fileName!, bytes: await printed(deps, edition, registration, unitName) };
}

/** The unit's active entries in the competition, in the order the unit made them. */
async function activeEntries(deps: EntryFormDeps, competitionId: string, unitId: string) {
  const entries: Registration[] = [];
  const listed = paged((cursor) =>
    deps.registrations.list({ competitionId, unitId, limit: 100, ...(cursor ? { cursor } : {}) }),
  );
  for await (const entry of listed) {
    if (!activeStatuses.has(entry.status)) continue;
    entries.push(entry);
    if (entries.length > MAX_FORMS_PER_ARCHIVE) {
      throw new AppError(
        'INVALID_STATE',
        `the unit has more than ${MAX_FORMS_PER_ARCHIVE} active entries: download each entry's form.docx instead`,
      );
    }
  }
  return entries;
}

/** Every active entry's forms of a unit, one document per entry, in one ZIP: for the secretariat. */
export async function unitEntryForms(
  deps: EntryFormDeps,
  principal: Principal,
  competitionId: string,
  unitId: string,
): Promise<DownloadedFile & { files: number }> {
  requireSecretariat(principal, "a unit's forms in one archive are for the secretariat");
  const edition = await loadEdition(deps.editions, competitionId);
  const unit = await deps.units.get(unitId);
  if (!unit) throw new AppError('NOT_FOUND', `no unit ${unitId}`);
  const entries = await activeEntries(deps, competitionId, unitId);
  for (const r of entries) await recordFormViewed(deps, principal, r);
  const names = entryFormFileNames(
    edition,
    entries.map((registration) => ({ registration, unitName: unit.name })),
  );
  const files = [];
  for (const [i, r] of entries.entries()) {
    files.push({ name: names[i]!, bytes: await printed(deps, edition, r, unit.name) });
  }
  return {
    fileName: `${safeNamePart(unit.name)}-报名表.zip`,
    bytes: await deps.archiver.zip(files),
    files: files.length,
  };
}
