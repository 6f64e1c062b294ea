import { StaleVersion } from '#shared/domain/errors.ts';
import type { HistoryAction, Registration } from '#shared/domain/registration.ts';
import type { RegistrationStore } from '#shared/ports/stores.ts';

/**
 * What the background checks store (their findings, a photo's verdict) and what a unit's own upload grant records
 * lie outside everything a unit's amendment or withdrawal writes, so a change made on a version older only by these
 * overwrites nothing anyone decided. Without this, the eligibility check that follows every amendment would turn
 * the unit's next save, made on the entry it just saw, into a conflict.
 */
const BACKGROUND_ACTIONS: ReadonlySet<HistoryAction> = new Set<HistoryAction>([
  'eligibility-evaluated',
  'photo-upload-granted',
  'photo-accepted',
  'photo-rejected',
  'personal-data-viewed',
]);

/** How far behind a version may be and still be accepted: past this, the caller should read the entry again. */
const MAX_VERSIONS_BEHIND = 20;
const HISTORY_PAGE = 25;
/** Records of personal data shown sit between the versions; past this many pages, give up and call it a conflict. */
const MAX_HISTORY_PAGES = 4;

/**
 * Refuses a change made on `expectedVersion` (If-Match) with VERSION_CONFLICT when anything but the background
 * checks changed the entry since; the versions between are read from the entry's history only when they differ.
 */
export async function assertUnchangedSince(
  registrations: Pick<RegistrationStore, 'history'>,
  existing: Registration,
  expectedVersion: number | undefined,
): Promise<void> {
  if (expectedVersion === undefined || expectedVersion === existing.version) return;
  const conflict = new StaleVersion(
    `the registration was changed since version ${expectedVersion}; it is at version ${existing.version}`,
  );
  const behind = existing.version - expectedVersion;
  if (behind < 0 || behind > MAX_VERSIONS_BEHIND) throw conflict;
  const unseen = new Set(Array.from({ length: behind }, (_, i) => expectedVersion + 1 + i));
  let cursor: string | undefined;
  let pages = 0;
  do {
    pages++;
    const page = await registrations.history(existing.registrationId, {
      limit: HISTORY_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const entry of page.items) {
      if (entry.version <= expectedVersion) continue;
      if (!BACKGROUND_ACTIONS.has(entry.action)) throw conflict;
      if (entry.action !== 'personal-data-viewed') unseen.delete(entry.version);
    }
    cursor = page.cursor;
  } while (unseen.size > 0 && cursor && pages < MAX_HISTORY_PAGES);
  // A version the history does not account for is a change nobody can vouch for.
  if (unseen.size > 0) throw conflict;
}
