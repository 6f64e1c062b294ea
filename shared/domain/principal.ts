/**
 * Who is calling. Keys resolve to one of these: a secretariat member's names their account (its id, its name,
 * whether it is an admin's); both name the key they signed in with, so it can be told apart and revoked.
 */
export type Principal =
  | { role: 'secretariat'; accountId: string; name: string; admin: boolean; keyId: string }
  | { role: 'unit'; unitId: string; keyId: string };

/** The actor recorded in histories and events: a unit id or a secretariat account id. */
export const actorOf = (p: Principal): string => (p.role === 'unit' ? p.unitId : p.accountId);

/**
 * Who a recorded decision names: the actor's id and, for a secretariat member, the name a reader knows them
 * by (kept beside the id, so the record reads the same after the account changes or goes).
 */
export interface Actor {
  actor: string;
  actorName?: string;
}

export const recordedActor = (p: Principal): Actor =>
  p.role === 'unit' ? { actor: p.unitId } : { actor: p.accountId, actorName: p.name };
