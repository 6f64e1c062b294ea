/**
 * The app bucket's layout, agreed between the use cases that name objects, the adapters that store them and the
 * deployment that grants, expires and purges them by prefix: one top-level prefix per kind of object.
 */
export const BUCKET_PREFIXES = {
  uploads: 'uploads/',
  photos: 'photos/',
  exports: 'exports/',
  summaries: 'summaries/',
} as const;

/** Every prefix holds an edition's personal data (photos, uploads, exports, summary workbooks). */
export const PERSONAL_OBJECT_PREFIXES = Object.values(BUCKET_PREFIXES);

/** Where the purge empties an edition's objects: each prefix, narrowed to the edition. */
export const purgeObjectPrefixes = (competitionId: string): string[] =>
  PERSONAL_OBJECT_PREFIXES.map((prefix) => `${prefix}${competitionId}/`);
