import type { Edition } from '#shared/domain/edition.ts';

/** How an edition is stored: one item holding the validated document. Used by the store and by the seeders. */
export const editionKey = (competitionId: string) => ({ pk: `EDITION#${competitionId}`, sk: 'EDITION' });

export function editionItem(edition: Edition): Record<string, unknown> {
  return { ...editionKey(edition.id), type: 'edition', document: JSON.stringify(edition) };
}
