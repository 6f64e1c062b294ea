/** Storage of what deadlines decide: a track's closure and the secretariat's late-entry overrides. */
import type { DeadlineOverride } from '#shared/domain/deadline-override.ts';
import type { OutboxEvent, Page } from './stores.ts';

export type { DeadlineOverride };

export interface TrackClosure {
  competitionId: string;
  trackId: string;
  closedAt: string;
}

/** A unit's override ended and its entries were settled as at closing (recorded once per end). */
export interface OverrideEnd {
  competitionId: string;
  trackId: string;
  unitId: string;
  /** The `until` of the grant that ended. */
  until: string;
  endedAt: string;
}

export interface DeadlineStore {
  /** Records the closure with its TrackClosed event, once: false when the track was recorded closed before. */
  recordClosure(closure: TrackClosure, event: OutboxEvent): Promise<boolean>;
  /** Records the end of a unit's override with its OverrideEnded event, once per `until`: false when recorded before. */
  recordOverrideEnd(end: OverrideEnd, event: OutboxEvent): Promise<boolean>;
  /** Stores a grant; earlier grants stay, so the grants are their own history. */
  grantOverride(override: DeadlineOverride): Promise<void>;
  /** Every grant for a unit in a track, oldest first. */
  overridesFor(competitionId: string, trackId: string, unitId: string): Promise<DeadlineOverride[]>;
  /** Every grant of a competition, newest first (the digest lists them). */
  listOverrides(competitionId: string, limit: number, cursor?: string): Promise<Page<DeadlineOverride>>;
}
