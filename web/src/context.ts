import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Edition } from '#shared/domain/edition.ts';
import type { Api } from './api.ts';
import type { UnitView } from './types.ts';

/** What every page of a signed-in unit reads: the client, the unit, the edition, and where to go next. */
export interface Session {
  api: Api;
  unit: UnitView;
  edition: Edition;
  navigate(hash: string, flash?: string): void;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** Whether the unit may still change entries of a track: open, or an open override (when the API shows one). */
export function trackWritable(
  session: Pick<Session, 'unit'>,
  track: { id: string; opensAt: string; closesAt: string },
  now: number,
): boolean {
  if (now >= Date.parse(track.opensAt) && now < Date.parse(track.closesAt)) return true;
  return (session.unit.openOverrides ?? []).some((o) => o.trackId === track.id && now < Date.parse(o.until));
}
