/**
 * The single table's key schema. The CDK app and the local runtime create the table from this, and the
 * DynamoDB adapters use the same names, so the three can never disagree.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items with this attribute (epoch seconds) are removed by DynamoDB TTL; readers filter them too. */
  ttlAttribute: 'expiresAt',
  /** The outbox publisher reads new items from the stream. */
  streamView: 'NEW_IMAGE',
  /**
   * The indexes hold keys only: an index copy of a whole item is written again on every change of the item (a
   * registration's ~2 KB, twice per transaction), a key-only copy only when its keys change. Readers fetch the
   * items a query finds from the table (index-reads.ts).
   */
  indexProjection: 'KEYS_ONLY',
  indexes: [
    /** A unit's registrations in a competition: pk COMP#c#UNIT#u, sk trackId#createdAt#id. Also an owner's keys. */
    { name: 'byUnit', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Every registration in a competition, by track: pk COMP#c, sk trackId#createdAt#id. Also units and accounts by creation. */
    { name: 'byCompetition', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type IndexName = (typeof tableSchema.indexes)[number]['name'];
