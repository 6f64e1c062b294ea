import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Portal } from '#shared/domain/portal.ts';
import type { PortalStore } from '#shared/ports/stores.ts';
import { DynamoKeyHolderStore } from './key-holder-store.ts';
import { INDEX_PARTITIONS, keys, portalIndexKeys } from './keys.ts';

/** Portal clients (PORTAL#id), listed through the byCompetition index (PORTALS). */
export class DynamoPortalStore extends DynamoKeyHolderStore<Portal> implements PortalStore {
  constructor(client: DynamoDBDocumentClient, table: string) {
    super(client, table, {
      type: 'portal',
      idOf: (p) => p.portalId,
      key: keys.portal,
      indexKeys: portalIndexKeys,
      listed: INDEX_PARTITIONS.portals.prefix,
    });
  }
}
