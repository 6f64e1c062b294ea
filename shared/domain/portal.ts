/**
 * Provincial portals (district human-resources portals, school systems) that register and follow entries for
 * units: what the secretariat records of one, what its key may do, and for which units it may act.
 */
import type { Unit } from './unit.ts';

/** What a portal's key may do: read or change entries (for a unit), read the change feed, manage webhooks. */
export const portalScopes = [
  'registrations:read',
  'registrations:write',
  'events:read',
  'webhooks:manage',
] as const;
export type PortalScope = (typeof portalScopes)[number];

export interface Portal {
  portalId: string;
  name: string;
  contact: { name: string; email: string; phone?: string };
  /** The units it may act for, by id, and every unit of these districts (the unit record's `district`). */
  unitIds: string[];
  districts: string[];
  scopes: PortalScope[];
  createdAt: string;
  /** The admin who created it, and that admin's name. */
  createdBy: string;
  createdByName?: string;
}

/** Whom a portal may act for: the units it names, and the units of the districts it names. */
export type PortalReach = Pick<Portal, 'unitIds' | 'districts'>;

/** Whether the portal may act for the unit; an unknown unit is never within reach. */
export const mayActFor = (reach: PortalReach, unit: Pick<Unit, 'unitId' | 'district'> | undefined): boolean =>
  unit !== undefined &&
  (reach.unitIds.includes(unit.unitId) ||
    (unit.district !== undefined && reach.districts.includes(unit.district)));
