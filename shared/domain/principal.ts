import type { PortalScope } from './portal.ts';

/** A portal acting for a unit: who acts, recorded on the unit's behalf. */
export interface ActingPortal {
  portalId: string;
  name: string;
}

/**
 * Who is calling. Keys resolve to one of these: a secretariat member's names their account (its id, its name,
 * whether it is an admin's); a portal's names what it may do and for whom; each names the key it signed in
 * with, so it can be told apart and revoked. A portal acting for a unit (the Bayu-Unit header) reaches the use
 * cases as that unit's principal, with `via` naming the portal: every unit-scoped decision stays the unit's.
 */
export type Principal =
  | { role: 'secretariat'; accountId: string; name: string; admin: boolean; keyId: string }
  | { role: 'unit'; unitId: string; keyId: string; via?: ActingPortal }
  | {
      role: 'portal';
      portalId: string;
      name: string;
      scopes: PortalScope[];
      unitIds: string[];
      districts: string[];
      keyId: string;
    };

/** The id of who acts: a unit id, a portal id (also when acting for a unit) or a secretariat account id. */
export function actorOf(p: Principal): string {
  if (p.role === 'unit') return p.via?.portalId ?? p.unitId;
  return p.role === 'portal' ? p.portalId : p.accountId;
}

/**
 * Who a recorded decision names: the actor's id and, for a secretariat member or a portal, the name a reader
 * knows them by (kept beside the id, so the record reads the same after the account changes or goes); a portal
 * acting for a unit names that unit too.
 */
export interface Actor {
  actor: string;
  actorName?: string;
  /** The unit a portal acted for. */
  onBehalfOf?: string;
}

export function recordedActor(p: Principal): Actor {
  if (p.role === 'secretariat') return { actor: p.accountId, actorName: p.name };
  if (p.role === 'portal') return { actor: p.portalId, actorName: p.name };
  return p.via ? { actor: p.via.portalId, actorName: p.via.name, onBehalfOf: p.unitId } : { actor: p.unitId };
}
