/** Item keys of the single table. Every key shape is built here and nowhere else. */
import type { QuotaSlot } from '#shared/ports/stores.ts';

export const keys = {
  registration: (id: string) => ({ pk: `REG#${id}`, sk: 'REG' }),
  history: (id: string, version: number) => ({
    pk: `REG#${id}`,
    sk: `HIST#${String(version).padStart(6, '0')}`,
  }),
  quota: (s: QuotaSlot) => ({
    pk: `QUOTA#${s.competitionId}#${s.unitId}#${s.trackId}#${s.groupId}`,
    sk: 'QUOTA',
  }),
  person: (competitionId: string, trackId: string, hash: string) => ({
    pk: `PERSON#${competitionId}#${trackId}#${hash}`,
    sk: 'PERSON',
  }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),
  outbox: (eventId: string) => ({ pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' }),
  unit: (id: string) => ({ pk: `UNIT#${id}`, sk: 'UNIT' }),
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  /** One item per person (keyed hash of name and phone) and entry of a track: the cross-entry rules' index. */
  trackPerson: (competitionId: string, trackId: string, personHash: string, registrationId: string) => ({
    pk: `TRACKPERSON#${competitionId}#${trackId}#${personHash}`,
    sk: `REG#${registrationId}`,
  }),
  /** The person hashes an entry was last indexed under. */
  peopleOf: (registrationId: string) => ({ pk: `PEOPLEOF#${registrationId}`, sk: 'PEOPLEOF' }),
  exclusions: (competitionId: string) => ({ pk: `EXCLUSIONS#${competitionId}`, sk: 'EXCLUSIONS' }),
  summary: (id: string) => ({ pk: `SUMMARY#${id}`, sk: 'SUMMARY' }),
  digest: (competitionId: string, night: string) => ({
    pk: `DIGEST#${competitionId}#${night}`,
    sk: 'DIGEST',
  }),
  closure: (competitionId: string, trackId: string) => ({
    pk: `CLOSURE#${competitionId}#${trackId}`,
    sk: 'CLOSURE',
  }),
  /** All grants for one unit in one track share the partition; each grant is its own item. */
  overrides: (competitionId: string, trackId: string, unitId: string) => ({
    pk: `OVERRIDE#${competitionId}#${trackId}#${unitId}`,
  }),
  override: (o: { competitionId: string; trackId: string; unitId: string; grantedAt: string }) => ({
    pk: `OVERRIDE#${o.competitionId}#${o.trackId}#${o.unitId}`,
    sk: `GRANT#${o.grantedAt}`,
  }),
  /** The settlement of a unit's entries at the end of one override (recorded once per `until`). */
  overrideEnd: (o: { competitionId: string; trackId: string; unitId: string; until: string }) => ({
    pk: `OVERRIDEEND#${o.competitionId}#${o.trackId}#${o.unitId}#${o.until}`,
    sk: 'OVERRIDEEND',
  }),
  /** A unit's (or the secretariat's) mails share the partition; the sort key is the idempotency key. */
  mails: (owner: string) => ({ pk: `MAIL#${owner}` }),
  mail: (m: { owner: string; eventKey: string; to: string }) => ({
    pk: `MAIL#${m.owner}`,
    sk: `${m.eventKey}#${m.to}`,
  }),
};

/**
 * byCompetition keys of ready nightly summaries and of digest claims, newest last: "the previous one" is a
 * one-item query. Only items that carry these keys are in the index (a sparse index).
 */
export const summaryIndexKeys = (competitionId: string, asOf: string, id: string) => ({
  gsi2pk: `SUMMARIES#${competitionId}`,
  gsi2sk: `${asOf}#${id}`,
});
export const digestIndexKeys = (competitionId: string, asOf: string) => ({
  gsi2pk: `DIGESTS#${competitionId}`,
  gsi2sk: asOf,
});

/** Index keys of override grants: a competition's grants in the byCompetition index, by time. */
export const overrideIndexKeys = (o: {
  competitionId: string;
  trackId: string;
  unitId: string;
  grantedAt: string;
}) => ({ gsi2pk: `OVERRIDES#${o.competitionId}`, gsi2sk: `${o.grantedAt}#${o.trackId}#${o.unitId}` });

/** Index keys: a unit's entries (byUnit) and a competition's entries (byCompetition), sorted by track then time. */
export const registrationIndexKeys = (r: {
  competitionId: string;
  unitId: string;
  trackId: string;
  createdAt: string;
  registrationId: string;
}) => {
  const sort = `${r.trackId}#${r.createdAt}#${r.registrationId}`;
  return {
    gsi1pk: `COMP#${r.competitionId}#UNIT#${r.unitId}`,
    gsi1sk: sort,
    gsi2pk: `COMP#${r.competitionId}`,
    gsi2sk: sort,
  };
};

export const unitIndexKeys = (u: { createdAt: string; unitId: string }) => ({
  gsi2pk: 'UNITS',
  gsi2sk: `${u.createdAt}#${u.unitId}`,
});

/** Attributes that are storage detail, stripped when an item is read back as a domain value. */
export const storageAttributes = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'type',
  'expiresAt',
] as const;

export function stripStorage<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const a of storageAttributes) delete copy[a];
  return copy as T;
}
