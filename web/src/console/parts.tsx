/** Small pieces several console pages share: unit names, an entry's linked title, what waits for review. */
import { activeStatuses } from '#shared/domain/registration.ts';
import type { RegistrationView } from '../types.ts';
import { useConsole } from './context.ts';
import { useLoad } from './load.ts';

/** Entries waiting for a member's decision: holding a place, eligibility in review. */
export const waitsForReview = (r: RegistrationView) =>
  activeStatuses.has(r.status) && r.eligibility.status === 'review';

/** Unit names by id, once the units are loaded (the id until then, or for a unit not found). */
export function useUnitNames(): (unitId: string) => string {
  const { api } = useConsole();
  const units = useLoad(() => api.units(), [], '参赛单位');
  return (unitId) => units.data?.find((u) => u.unitId === unitId)?.name ?? unitId;
}

/** An entry's title, linking to its page: track · group：the contestants' names. */
export function EntryHeading({ r, level }: { r: RegistrationView; level: 2 | 3 }) {
  const { edition } = useConsole();
  const track = edition.tracks.find((t) => t.id === r.trackId);
  const group = track?.groups.find((g) => g.id === r.groupId);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Heading>
      <a href={entryHref(r.registrationId)}>
        {track?.name ?? r.trackId} · {group?.name ?? r.groupId}：{r.contestants.map((c) => c.name).join('、')}
      </a>
    </Heading>
  );
}

/** Where the console shows an entry. */
export const entryHref = (registrationId: string) => `#/console/entries/${registrationId}`;
