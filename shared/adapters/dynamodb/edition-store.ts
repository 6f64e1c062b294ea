import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Edition, parseEdition } from '#shared/domain/edition.ts';
import type { EditionStore } from '#shared/ports/stores.ts';
import { editionItem } from './edition-items.ts';
import { keys } from './keys.ts';

/** Editions change rarely; a warm function re-reads one at most once a minute. */
const CACHE_MS = 60_000;

export class DynamoEditionStore implements EditionStore {
  private readonly cache = new Map<string, { edition: Edition; readAt: number }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {}

  async get(competitionId: string): Promise<Edition | undefined> {
    const cached = this.cache.get(competitionId);
    if (cached && this.monotonicMs() - cached.readAt < CACHE_MS) return cached.edition;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.edition(competitionId) }),
    );
    if (!Item) return undefined; // not cached: the ids asked for come from callers and are unbounded
    const edition = parseEdition(JSON.parse(Item.document as string));
    this.cache.set(competitionId, { edition, readAt: this.monotonicMs() });
    return edition;
  }

  async put(edition: Edition): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.table, Item: editionItem(edition) }));
    this.cache.delete(edition.id);
  }
}
