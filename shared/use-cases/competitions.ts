import { tz } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import type { Edition } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { EditionStore } from '#shared/ports/stores.ts';

/** The edition a request names; an unknown one is NOT_FOUND, as every use case taking a competition id answers. */
export async function loadEdition(editions: EditionStore, competitionId: string): Promise<Edition> {
  const edition = await editions.get(competitionId);
  if (!edition) throw new AppError('NOT_FOUND', `no competition ${competitionId}`);
  return edition;
}

/** The public view of an edition: every instant shown in the edition's own zone (+08:00 for Beijing). */
export async function getCompetition(editions: EditionStore, competitionId: string): Promise<Edition> {
  const edition = await loadEdition(editions, competitionId);
  const local = (iso: string) => formatISO(new Date(iso), { in: tz(edition.timeZone) });
  return {
    ...edition,
    tracks: edition.tracks.map((t) => ({
      ...t,
      opensAt: local(t.opensAt),
      closesAt: local(t.closesAt),
      final: { ...t.final, checkIn: { ...t.final.checkIn, at: local(t.final.checkIn.at) } },
    })),
  };
}
