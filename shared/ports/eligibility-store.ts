/**
 * What the eligibility checks store beside the registrations: the secretariat's exclusion list (keyed hashes
 * only), an index of the people of each track (keyed hashes of name and phone) for the cross-entry rules, and
 * the secretariat's review queue.
 */
import type { Actor } from '#shared/domain/principal.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { Page } from './stores.ts';

/** Replaced as a whole; `actor` (and `actorName`) name who replaced it last. */
export interface ExclusionList extends Actor {
  /** Keyed hashes (IdHasher) of the excluded ID numbers. */
  idHashes: string[];
  updatedAt: string;
}

export interface TrackRef {
  competitionId: string;
  trackId: string;
}

export interface EligibilityStore {
  exclusions(competitionId: string): Promise<ExclusionList | undefined>;
  putExclusions(competitionId: string, list: ExclusionList): Promise<void>;
  /**
   * Records the people (hashes) of an entry in its track's index and returns those recorded before, so the
   * entries that shared a person who has since left can be checked again.
   */
  recordPeople(registrationId: string, track: TrackRef, personHashes: string[]): Promise<string[]>;
  /** Ids of the entries of the track ever indexed with any of these people (at most `limit`). */
  registrationsSharing(track: TrackRef, personHashes: string[], limit: number): Promise<string[]>;
  /** Ids of the entries holding the uniqueness claims of these ID number hashes in the track. */
  claimants(track: TrackRef, idHashes: string[]): Promise<string[]>;
  /** Active entries of a competition whose eligibility awaits the secretariat's review. */
  listInReview(query: {
    competitionId: string;
    trackId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<Registration>>;
}
