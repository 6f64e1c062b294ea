import { type Edition, findTrack, type Track } from '#shared/domain/edition.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { EditionStore, RegistrationStore } from '#shared/ports/stores.ts';

const PAGE_SIZE = 100;

/**
 * A track's entries (or one unit's entries in it), page by page through the competition index (or the unit's),
 * every state, oldest first.
 */
export async function* pagesOfTrack(
  store: RegistrationStore,
  competitionId: string,
  trackId: string,
  unitId?: string,
): AsyncGenerator<Registration[]> {
  let cursor: string | undefined;
  do {
    const page = await store.list({
      competitionId,
      trackId,
      ...(unitId ? { unitId } : {}),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

export async function entriesOfTrack(
  store: RegistrationStore,
  competitionId: string,
  trackId: string,
  unitId?: string,
): Promise<Registration[]> {
  const all: Registration[] = [];
  for await (const page of pagesOfTrack(store, competitionId, trackId, unitId)) all.push(...page);
  return all;
}

/** The edition and track a schedule or event names; their absence is a fault (they come from the system). */
export async function loadTrack(
  editions: EditionStore,
  competitionId: string,
  trackId: string,
): Promise<{ edition: Edition; track: Track }> {
  const edition = await editions.get(competitionId);
  const track = edition && findTrack(edition, trackId);
  if (!edition || !track) throw new Error(`no track ${trackId} in competition ${competitionId}`);
  return { edition, track };
}

/** Groups entries by unit, keeping their order. */
export function byUnit(entries: Registration[]): Map<string, Registration[]> {
  const groups = new Map<string, Registration[]>();
  for (const r of entries) groups.set(r.unitId, [...(groups.get(r.unitId) ?? []), r]);
  return groups;
}
