/** Storage of what deadlines decide: a track's closure and the secretariat's late-entry overrides. */
import type { OutboxEvent, Page } from './stores.ts';

export interface TrackClosure {
  competitionId: string;
  trackId: string;
  closedAt: string;
}

/** The secretariat reopened one unit's entry window for one track, from `grantedAt` to `until`. */
export interface DeadlineOverride {
  competitionId: string;
  trackId: string;
  unitId: string;
  reason: string;
  grantedAt: string;
  /** The first instant the override no longer applies (not `expiresAt`: that name is the table's TTL). */
  until: string;
  /** The member who granted it (account id), and their name as it was then. */
  grantedBy: string;
  grantedByName?: string;
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
