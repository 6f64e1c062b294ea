/**
 * A unit (参赛单位): an employer or school that enters contestants, with the contact the organisers mail. Its
 * other shapes are cut from this one: what a unit is created from (UnitInput), what the summaries read of it
 * (UnitInfo), what the API shows (unitView).
 */
import type { UnitKind } from './edition.ts';

export interface Unit {
  unitId: string;
  name: string;
  kind: UnitKind;
  district?: string;
  contact: { name: string; phone: string; email: string };
  createdAt: string;
  /** The secretariat account that created it, and that member's name (absent on units created before). */
  createdBy?: string;
  createdByName?: string;
}
