import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Edition } from '#shared/domain/edition.ts';
import type { Api } from './api.ts';
import type { OverrideView, UnitView } from './types.ts';

/** What every page of a signed-in unit reads: the client, the unit, the edition, and where to go next. */
export interface Session {
  api: Api;
  unit: UnitView;
  edition: Edition;
  /** The unit's late-entry overrides, as loaded at sign-in. */
  overrides: OverrideView[];
  navigate(hash: string, flash?: string): void;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** The unit's override of a track open at `now` that ends last, if any (as the server decides it). */
export function openOverride(
  session: Pick<Session, 'overrides'>,
  trackId: string,
  now: number,
): OverrideView | undefined {
  return session.overrides
    .filter((o) => o.trackId === trackId && Date.parse(o.grantedAt) <= now && now < Date.parse(o.until))
    .sort((a, b) => Date.parse(b.until) - Date.parse(a.until))[0];
}

/** Whether the unit may still change entries of a track: open, or open to it by an override. */
export function trackWritable(
  session: Pick<Session, 'overrides'>,
  track: { id: string; opensAt: string; closesAt: string },
  now: number,
): boolean {
  if (now >= Date.parse(track.opensAt) && now < Date.parse(track.closesAt)) return true;
  return openOverride(session, track.id, now) !== undefined;
}
