import type { Edition } from '#shared/domain/edition.ts';

import { keys } from './keys.ts';

/** How an edition is stored: one item holding the validated document. Used by the store and by the seeders. */

export function editionItem(edition: Edition): Record<string, unknown> {
  return { ...keys.edition(edition.id), type: 'edition', document: JSON.stringify(edition) };
}
