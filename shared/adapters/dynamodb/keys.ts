/** Item keys of the single table. Every key shape is built here and nowhere else. */
import type { QuotaSlot } from '#shared/ports/stores.ts';
import type { IndexName } from './table-schema.ts';

/**
 * The partition-key prefix of each kind of item. The keys below are built from these, and the IAM grants of
 * infra/system.ts name them (`dynamodb:LeadingKeys`), so a function is allowed exactly the kinds it declares.
 */
export const PARTITIONS = {
  /** A registration (sk REG) and its history entries (sk HIST#…). */
  registration: 'REG#',
  quota: 'QUOTA#',
  /** Uniqueness claims: one per person (keyed hash of the ID number) and track. */
  person: 'PERSON#',
  idempotency: 'IDEMPOTENCY#',
  outbox: 'OUTBOX#',
  /** One stream of the change feed: its head (sk HEAD) and its items by position (sk POS#…). */
  feed: 'FEED#',
  unit: 'UNIT#',
  /** Bearer tokens, by hash: the credentials, read on every request (principal, expiry, revocation). */
  token: 'TOKEN#',
  /** A key's record, by key id: what the API shows of it (the credential holds what authentication needs). */
  key: 'KEY#',
  /**
   * A key's last use, by the hash of its secret: every authenticating function stamps it, so it is apart from
   * the credential, which only the key issuers may write.
   */
  keyUse: 'KEYUSE#',
  /** A named secretariat account. */
  account: 'ACCOUNT#',
  /** A portal client: what it may do and for whom. */
  portal: 'PORTAL#',
  trackPerson: 'TRACKPERSON#',
  peopleOf: 'PEOPLEOF#',
  exclusions: 'EXCLUSIONS#',
  summary: 'SUMMARY#',
  digest: 'DIGEST#',
  closure: 'CLOSURE#',
  override: 'OVERRIDE#',
  /** The settlement of a unit's entries when one of its overrides ends. */
  overrideEnd: 'OVERRIDEEND#',
  mail: 'MAIL#',
  edition: 'EDITION#',
  /** An edition's personal-data purge: its progress and counts. */
  purge: 'PURGE#',
  /** One caller's request count in one rate-limit window. */
  rate: 'RATE#',
  /** A bulk import's check, waiting (a day at most) for its commit. */
  import: 'IMPORT#',
  /** A webhook endpoint (sk WEBHOOK) and its deliveries log (sk ATTEMPT#…). */
  webhook: 'WEBHOOK#',
  /** One message owed to one webhook endpoint, until it is settled. */
  webhookDelivery: 'WHDELIVERY#',
} as const;

export type Partition = keyof typeof PARTITIONS;

/**
 * The partitions of the indexes, each with its prefix: a query on an index names the index's partition key, and
 * that value is what `dynamodb:LeadingKeys` holds for it. The indexes hold keys only, so the items a query finds
 * are then read from the table (BatchGetItem): `items` is the kind of item each index partition lists.
 */
export const INDEX_PARTITIONS = {
  /** A unit's registrations in a competition: COMP#c#UNIT#u. */
  unitEntries: { index: 'byUnit', prefix: 'COMP#', items: 'registration' },
  /** A competition's registrations: COMP#c. */
  competitionEntries: { index: 'byCompetition', prefix: 'COMP#', items: 'registration' },
  /** Every unit, by creation. */
  units: { index: 'byCompetition', prefix: 'UNITS', items: 'unit' },
  /** Every secretariat account, by creation. */
  accounts: { index: 'byCompetition', prefix: 'ACCOUNTS', items: 'account' },
  /** Every portal client, by creation. */
  portals: { index: 'byCompetition', prefix: 'PORTALS', items: 'portal' },
  /** The keys of one unit or account, by creation: KEYS#owner. */
  ownerKeys: { index: 'byUnit', prefix: 'KEYS#', items: 'key' },
  nightlySummaries: { index: 'byCompetition', prefix: 'SUMMARIES#', items: 'summary' },
  /** Every summary of a competition, nightly or requested, by request time: SUMMARYLOG#c. */
  competitionSummaries: { index: 'byUnit', prefix: 'SUMMARYLOG#', items: 'summary' },
  sentDigests: { index: 'byCompetition', prefix: 'DIGESTS#', items: 'digest' },
  overrideGrants: { index: 'byCompetition', prefix: 'OVERRIDES#', items: 'override' },
  /** Outbox events by UTC day of occurrence, for republishing a time range (an operator's command). */
  outboxDays: { index: 'byCompetition', prefix: 'OUTBOXDAY#', items: 'outbox' },
  /** The webhook endpoints of one owner, by creation: WEBHOOKS#owner. */
  ownerWebhooks: { index: 'byUnit', prefix: 'WEBHOOKS#', items: 'webhook' },
  /** Every enabled webhook endpoint (a sparse partition: a disabled one leaves it). */
  enabledWebhooks: { index: 'byCompetition', prefix: 'ENABLEDWEBHOOKS', items: 'webhook' },
  /** Pending webhook deliveries by when they are due (keys only: the sort key names the delivery). */
  dueDeliveries: { index: 'byCompetition', prefix: 'WHDUE', items: 'webhookDelivery' },
} as const satisfies Record<string, { index: IndexName; prefix: string; items: Partition }>;

export type IndexPartition = keyof typeof INDEX_PARTITIONS;

const P = PARTITIONS;
const I = INDEX_PARTITIONS;

/** Index partition keys of registrations: a unit's entries (byUnit) and a competition's (byCompetition). */
export const unitEntriesPartition = (competitionId: string, unitId: string) =>
  `${I.unitEntries.prefix}${competitionId}#UNIT#${unitId}`;
export const competitionEntriesPartition = (competitionId: string) =>
  `${I.competitionEntries.prefix}${competitionId}`;

/** A feed stream's items sort after this prefix, by position (zero-padded, so text order is number order). */
export const FEED_POSITION_PREFIX = 'POS#';

/** An entry's history items sort after this prefix in its partition, by version. */
export const HISTORY_SORT_PREFIX = 'HIST#';

/** The entries of a track that name one person (the cross-entry rules' index): one partition per person. */
export const trackPersonPartition = (competitionId: string, trackId: string, personHash: string) =>
  `${P.trackPerson}${competitionId}#${trackId}#${personHash}`;

/** Whether a partition key of `partition`'s kind belongs to the competition (its id follows the prefix). */
export const isOfCompetition = (pk: string, partition: Partition, competitionId: string) =>
  pk.startsWith(`${P[partition]}${competitionId}#`);

export const keys = {
  registration: (id: string) => ({ pk: `${P.registration}${id}`, sk: 'REG' }),
  history: (id: string, version: number) => ({
    pk: `${P.registration}${id}`,
    sk: `${HISTORY_SORT_PREFIX}${String(version).padStart(6, '0')}`,
  }),
  /** A viewing of personal data at `version`: sorts after that version's own entry, before the next one. */
  historyViewing: (id: string, version: number, at: string, actor: string) => ({
    pk: `${P.registration}${id}`,
    sk: `${HISTORY_SORT_PREFIX}${String(version).padStart(6, '0')}#VIEW#${at}#${actor}`,
  }),
  quota: (s: QuotaSlot) => ({
    pk: `${P.quota}${s.competitionId}#${s.unitId}#${s.trackId}#${s.groupId}`,
    sk: 'QUOTA',
  }),
  person: (competitionId: string, trackId: string, hash: string) => ({
    pk: `${P.person}${competitionId}#${trackId}#${hash}`,
    sk: 'PERSON',
  }),
  idempotency: (scope: string, key: string) => ({ pk: `${P.idempotency}${scope}#${key}`, sk: 'IDEMPOTENCY' }),
  outbox: (eventId: string) => ({ pk: `${P.outbox}${eventId}`, sk: 'OUTBOX' }),
  /** A feed stream's head: the last position taken, and when. */
  feedHead: (stream: string) => ({ pk: `${P.feed}${stream}`, sk: 'HEAD' }),
  feedItem: (stream: string, position: number) => ({
    pk: `${P.feed}${stream}`,
    sk: `${FEED_POSITION_PREFIX}${String(position).padStart(12, '0')}`,
  }),
  unit: (id: string) => ({ pk: `${P.unit}${id}`, sk: 'UNIT' }),
  token: (hash: string) => ({ pk: `${P.token}${hash}`, sk: 'TOKEN' }),
  accessKey: (keyId: string) => ({ pk: `${P.key}${keyId}`, sk: 'KEY' }),
  keyUse: (hash: string) => ({ pk: `${P.keyUse}${hash}`, sk: 'KEYUSE' }),
  account: (accountId: string) => ({ pk: `${P.account}${accountId}`, sk: 'ACCOUNT' }),
  portal: (portalId: string) => ({ pk: `${P.portal}${portalId}`, sk: 'PORTAL' }),
  /** One item per person (keyed hash of name and phone) and entry of a track: the cross-entry rules' index. */
  trackPerson: (competitionId: string, trackId: string, personHash: string, registrationId: string) => ({
    pk: trackPersonPartition(competitionId, trackId, personHash),
    sk: `REG#${registrationId}`,
  }),
  /** The person hashes an entry was last indexed under. */
  peopleOf: (registrationId: string) => ({ pk: `${P.peopleOf}${registrationId}`, sk: 'PEOPLEOF' }),
  /** What stays of a registration once its personal data is purged (its REG item is then gone). */
  purgedRegistration: (id: string) => ({ pk: `${P.registration}${id}`, sk: 'PURGED' }),
  /** An edition's purge: how far it got, and the counts. */
  purge: (competitionId: string) => ({ pk: `${P.purge}${competitionId}`, sk: 'PURGE' }),
  exclusions: (competitionId: string) => ({ pk: `${P.exclusions}${competitionId}`, sk: 'EXCLUSIONS' }),
  summary: (id: string) => ({ pk: `${P.summary}${id}`, sk: 'SUMMARY' }),
  digest: (competitionId: string, night: string) => ({
    pk: `${P.digest}${competitionId}#${night}`,
    sk: 'DIGEST',
  }),
  closure: (competitionId: string, trackId: string) => ({
    pk: `${P.closure}${competitionId}#${trackId}`,
    sk: 'CLOSURE',
  }),
  /** All grants for one unit in one track share the partition; each grant is its own item. */
  overrides: (competitionId: string, trackId: string, unitId: string) => ({
    pk: `${P.override}${competitionId}#${trackId}#${unitId}`,
  }),
  override: (o: { competitionId: string; trackId: string; unitId: string; grantedAt: string }) => ({
    pk: `${P.override}${o.competitionId}#${o.trackId}#${o.unitId}`,
    sk: `GRANT#${o.grantedAt}`,
  }),
  /** One caller's request count in one rate-limit window (expires with the window). */
  rateWindow: (callerKey: string, windowStartMs: number) => ({
    pk: `${P.rate}${callerKey}#${windowStartMs}`,
    sk: 'RATE',
  }),
  /** The settlement of a unit's entries at the end of one override (recorded once per `until`). */
  overrideEnd: (o: { competitionId: string; trackId: string; unitId: string; until: string }) => ({
    pk: `${P.overrideEnd}${o.competitionId}#${o.trackId}#${o.unitId}#${o.until}`,
    sk: 'OVERRIDEEND',
  }),
  /** A unit's (or the secretariat's) mails share the partition; the sort key is the idempotency key. */
  mails: (owner: string) => ({ pk: `${P.mail}${owner}` }),
  mail: (m: { owner: string; eventKey: string; to: string }) => ({
    pk: `${P.mail}${m.owner}`,
    sk: `${m.eventKey}#${m.to}`,
  }),
  edition: (competitionId: string) => ({ pk: `${P.edition}${competitionId}`, sk: 'EDITION' }),
  importRecord: (importId: string) => ({ pk: `${P.import}${importId}`, sk: 'IMPORT' }),
  webhook: (webhookId: string) => ({ pk: `${P.webhook}${webhookId}`, sk: 'WEBHOOK' }),
  /** One attempt in the endpoint's log: newest last in sort order, so a log page reads backwards. */
  webhookAttempt: (a: { webhookId: string; attemptedAt: string; messageId: string; attempt: number }) => ({
    pk: `${P.webhook}${a.webhookId}`,
    sk: `${WEBHOOK_ATTEMPT_PREFIX}${a.attemptedAt}#${a.messageId}#${String(a.attempt).padStart(3, '0')}`,
  }),
  webhookDelivery: (d: { webhookId: string; messageId: string }) => ({
    pk: `${P.webhookDelivery}${d.webhookId}#${d.messageId}`,
    sk: 'DELIVERY',
  }),
};

/** The attempts of a webhook's log sort after this prefix in its partition. */
export const WEBHOOK_ATTEMPT_PREFIX = 'ATTEMPT#';

/** byUnit keys of an endpoint (its owner's list); byCompetition keys while it is enabled (the senders' list). */
export const webhookOwnerIndexKeys = (w: { owner: string; createdAt: string; webhookId: string }) => ({
  gsi1pk: `${I.ownerWebhooks.prefix}${w.owner}`,
  gsi1sk: `${w.createdAt}#${w.webhookId}`,
});
export const enabledWebhookIndexKeys = (w: { createdAt: string; webhookId: string }) => ({
  gsi2pk: I.enabledWebhooks.prefix,
  gsi2sk: `${w.createdAt}#${w.webhookId}`,
});

/** byCompetition keys of a pending delivery: due time first, then the delivery it names (read back by the sweep). */
export const dueDeliveryIndexKeys = (d: { webhookId: string; messageId: string; dueAt: string }) => ({
  gsi2pk: I.dueDeliveries.prefix,
  gsi2sk: `${d.dueAt}#${d.webhookId}#${d.messageId}`,
});

/**
 * byCompetition keys of ready nightly summaries and of digest claims, newest last: "the previous one" is a
 * one-item query. Only items that carry these keys are in the index (a sparse index).
 */
export const summaryIndexKeys = (competitionId: string, asOf: string, id: string) => ({
  gsi2pk: `${I.nightlySummaries.prefix}${competitionId}`,
  gsi2sk: `${asOf}#${id}`,
});
/** byUnit keys of every summary (the secretariat's list), by request time; byCompetition holds the ready nightly ones. */
export const summaryLogKeys = (s: { competitionId: string; requestedAt: string; summaryId: string }) => ({
  gsi1pk: `${I.competitionSummaries.prefix}${s.competitionId}`,
  gsi1sk: `${s.requestedAt}#${s.summaryId}`,
});
export const digestIndexKeys = (competitionId: string, asOf: string) => ({
  gsi2pk: `${I.sentDigests.prefix}${competitionId}`,
  gsi2sk: asOf,
});

/** byCompetition keys of an outbox event: its UTC day's partition, sorted by occurrence then id. */
export const outboxIndexKeys = (event: { id: string; occurredAt: string }) => ({
  gsi2pk: outboxDayPartition(event.occurredAt.slice(0, 10)),
  gsi2sk: `${event.occurredAt}#${event.id}`,
});
export const outboxDayPartition = (day: string) => `${I.outboxDays.prefix}${day}`;

/** Index keys of override grants: a competition's grants in the byCompetition index, by time. */
export const overrideIndexKeys = (o: {
  competitionId: string;
  trackId: string;
  unitId: string;
  grantedAt: string;
}) => ({
  gsi2pk: `${I.overrideGrants.prefix}${o.competitionId}`,
  gsi2sk: `${o.grantedAt}#${o.trackId}#${o.unitId}`,
});

/** The index sort keys of a track's registrations begin with this: a listing of one track queries it. */
export const trackEntriesSortPrefix = (trackId: string) => `${trackId}#`;

/** Index keys: a unit's entries (byUnit) and a competition's entries (byCompetition), sorted by track then time. */
export const registrationIndexKeys = (r: {
  competitionId: string;
  unitId: string;
  trackId: string;
  createdAt: string;
  registrationId: string;
}) => {
  const sort = `${trackEntriesSortPrefix(r.trackId)}${r.createdAt}#${r.registrationId}`;
  return {
    gsi1pk: unitEntriesPartition(r.competitionId, r.unitId),
    gsi1sk: sort,
    gsi2pk: competitionEntriesPartition(r.competitionId),
    gsi2sk: sort,
  };
};

/** byCompetition keys of a record listed whole, by creation: a secretariat account, a portal client. */
export const listedIndexKeys = (listing: 'accounts' | 'portals', createdAt: string, id: string) => ({
  gsi2pk: I[listing].prefix,
  gsi2sk: `${createdAt}#${id}`,
});

/** byUnit keys of a key record: its owner's keys, by creation. */
export const ownerKeysPartition = (owner: string) => `${I.ownerKeys.prefix}${owner}`;
export const keyIndexKeys = (k: { owner: string; createdAt: string; keyId: string }) => ({
  gsi1pk: ownerKeysPartition(k.owner),
  gsi1sk: `${k.createdAt}#${k.keyId}`,
});

export const unitIndexKeys = (u: { createdAt: string; unitId: string }) => ({
  gsi2pk: I.units.prefix,
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
