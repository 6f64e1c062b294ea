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
