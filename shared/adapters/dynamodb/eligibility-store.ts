import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '#shared/domain/errors.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { EligibilityStore, ExclusionList, TrackRef } from '#shared/ports/eligibility-store.ts';
import type { Page } from '#shared/ports/stores.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryIndexPage } from './index-reads.ts';
import {
  competitionEntriesPartition,
  keys,
  stripStorage,
  trackEntriesSortPrefix,
  trackPersonPartition,
} from './keys.ts';

/** Uniqueness claims are looked up this many at a time. */
const PARALLEL_READS = 50;
/** The review queue reads the competition's entries in pages of this size and keeps those in review. */
const REVIEW_SCAN_PAGE = 100;

export class DynamoEligibilityStore implements EligibilityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async exclusions(competitionId: string): Promise<ExclusionList | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.exclusions(competitionId), ConsistentRead: true }),
    );
    return Item ? stripStorage<ExclusionList>(Item) : undefined;
  }

  async putExclusions(competitionId: string, list: ExclusionList): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.exclusions(competitionId), type: 'exclusions', ...list },
      }),
    );
  }

  async recordPeople(registrationId: string, track: TrackRef, personHashes: string[]): Promise<string[]> {
    const key = keys.peopleOf(registrationId);
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    const previous = (Item?.personHashes as string[] | undefined) ?? [];
    // Index items first, then the list: a crash in between leaves an extra index item, which only causes an
    // extra (idempotent) check, never a missed one.
    await Promise.all(
      personHashes
        .filter((h) => !previous.includes(h))
        .map((hash) =>
          this.client.send(
            new PutCommand({
              TableName: this.table,
              Item: {
                ...keys.trackPerson(track.competitionId, track.trackId, hash, registrationId),
                type: 'track-person',
                registrationId,
              },
            }),
          ),
        ),
    );
    await this.client.send(
      new PutCommand({ TableName: this.table, Item: { ...key, type: 'people-of', personHashes } }),
    );
    return previous;
  }

  async registrationsSharing(track: TrackRef, personHashes: string[], limit: number): Promise<string[]> {
    const pages = await Promise.all(
      personHashes.map((hash) =>
        this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: {
              ':pk': trackPersonPartition(track.competitionId, track.trackId, hash),
            },
            ConsistentRead: true,
            Limit: limit,
          }),
        ),
      ),
    );
    const ids = pages.flatMap((p) => (p.Items ?? []).map((i) => i.registrationId as string));
    return [...new Set(ids)].sort().slice(0, limit);
  }

  async claimants(track: TrackRef, idHashes: string[]): Promise<string[]> {
    const found: string[] = [];
    // Plain reads in bounded parallel batches: the grants name the single-item actions only.
    for (let start = 0; start < idHashes.length; start += PARALLEL_READS) {
      const items = await Promise.all(
        idHashes.slice(start, start + PARALLEL_READS).map((hash) =>
          this.client.send(
            new GetCommand({
              TableName: this.table,
              Key: keys.person(track.competitionId, track.trackId, hash),
              ConsistentRead: true,
            }),
          ),
        ),
      );
      found.push(...items.flatMap(({ Item }) => (Item ? [Item.registrationId as string] : [])));
    }
    return [...new Set(found)].sort();
  }

  async listInReview(query: {
    competitionId: string;
    trackId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<Registration>> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined = decodeCursor(query.cursor);
    let more = true;
    while (more && items.length < query.limit) {
      const page = await this.queryPage(query, startKey);
      for (const item of page.items.filter(isInReview)) {
        if (items.length === query.limit) break;
        items.push(item);
      }
      startKey = page.lastKey;
      more = startKey !== undefined;
    }
    // The cursor is the last entry returned, so a page that stopped inside a read loses nothing.
    const last = items.at(-1);
    const cursor =
      last && (more || items.length === query.limit)
        ? encodeCursor({ pk: last.pk, sk: last.sk, gsi2pk: last.gsi2pk, gsi2sk: last.gsi2sk })
        : undefined;
    return { items: items.map((i) => stripStorage<Registration>(i)), ...(cursor ? { cursor } : {}) };
  }

  private async queryPage(
    query: { competitionId: string; trackId?: string },
    startKey: Record<string, unknown> | undefined,
  ) {
    const byTrack = query.trackId !== undefined;
    try {
      // The index holds keys only, so the entries in review are picked from the items read from the table.
      return await queryIndexPage(this.client, {
        TableName: this.table,
        IndexName: 'byCompetition',
        KeyConditionExpression: byTrack ? 'gsi2pk = :pk AND begins_with(gsi2sk, :track)' : 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': competitionEntriesPartition(query.competitionId),
          ...(byTrack ? { ':track': trackEntriesSortPrefix(query.trackId as string) } : {}),
        },
        Limit: REVIEW_SCAN_PAGE,
        ExclusiveStartKey: startKey,
      });
    } catch (error) {
      if (startKey && (error as Error).name === 'ValidationException') {
        throw new AppError('MALFORMED_REQUEST', 'the cursor does not belong to this listing');
      }
      throw error;
    }
  }
}

/** An entry a secretary has to look at: submitted, and its eligibility left for review. */
const isInReview = (item: Record<string, unknown>) =>
  (item.eligibility as { status?: string } | undefined)?.status === 'review' && item.status === 'submitted';
