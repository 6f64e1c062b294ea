/**
 * The purge over the single table: a scan, page by page, that decides per item type what is personal. Item
 * types are storage detail, so this knowledge lives here, beside keys.ts. A type added later must be added
 * here too: until it is, the purge keeps its items and counts them as `unreviewed:<type>` in its report.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type PurgeCounts, purgedRegistration } from '#shared/domain/purge.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { PurgeCheckpoint, PurgeScope, PurgeStore } from '#shared/ports/purge.ts';
import { isOfCompetition, keys, type Partition, stripStorage } from './keys.ts';
import { epochSeconds, outboxEventOf } from './outbox-items.ts';
import { queryPartition } from './partition.ts';
import { RATE_WINDOW_TYPE } from './rate-counter.ts';
import { transactWrite } from './transactions.ts';

/** Items per scan page: each may cost a few writes, and a page must finish well within the margin. */
const SCAN_PAGE = 100;

/** What an override's reason reads once cleared (the field stays, as the API shows it). */
const CLEARED_REASON = '（已按个人信息保存期限清除）';

type Item = Record<string, unknown>;

/**
 * Item types kept as they are: counters, closures, digest claims, editions, token hashes (and the principal
 * they stand for), the purge's progress and the anonymous remains; history and people-of items go with their
 * registration (purgeRegistration).
 */
const KEPT_TYPES = new Set([
  'quota',
  'closure',
  'digest',
  'edition',
  'token',
  // Key records (owner, hint, times) and their last use; the secretariat's own accounts, which outlive editions.
  'key',
  'key-use',
  'account',
  'purge',
  'purged-registration',
  'history',
  'people-of',
  // The change feed's items (ids and states only) and heads; the items go with their TTL after 90 days.
  'feed-item',
  'feed-head',
  // A caller's request count: a token hash or a source address, gone with its TTL minutes after the window.
  RATE_WINDOW_TYPE,
]);

export class DynamoPurgeStore implements PurgeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly pageSize = SCAN_PAGE,
  ) {}

  async checkpoint(competitionId: string): Promise<PurgeCheckpoint | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.purge(competitionId), ConsistentRead: true }),
    );
    return Item ? stripStorage<PurgeCheckpoint>(Item) : undefined;
  }

  async saveCheckpoint(checkpoint: PurgeCheckpoint): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.purge(checkpoint.competitionId), type: 'purge', ...checkpoint },
      }),
    );
  }

  async purgePage(scope: PurgeScope, cursor: string | undefined) {
    const page = await this.client.send(
      new ScanCommand({
        TableName: this.table,
        Limit: this.pageSize,
        ConsistentRead: true,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Item } : {}),
      }),
    );
    const counts: PurgeCounts = {};
    for (const item of page.Items ?? []) {
      const kind = await this.purgeItem(scope, item);
      if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return {
      counts,
      ...(page.LastEvaluatedKey ? { cursor: JSON.stringify(page.LastEvaluatedKey) } : {}),
    };
  }

  /** Removes or clears one item's personal data; the kind counted, or undefined when nothing changed. */
  private async purgeItem(scope: PurgeScope, item: Item): Promise<string | undefined> {
    const { competitionId, startedAt } = scope;
    const pk = String(item.pk);
    const ofCompetition = (partition: Partition) => isOfCompetition(pk, partition, competitionId);
    switch (item.type) {
      case 'registration':
        if (item.competitionId !== competitionId) return undefined;
        await this.purgeRegistration(stripStorage<Registration>(item), startedAt);
        return 'registrations';
      case 'person':
        return ofCompetition('person') ? this.remove(item, 'people-index') : undefined;
      case 'track-person':
        return ofCompetition('trackPerson') ? this.remove(item, 'people-index') : undefined;
      case 'exclusions':
        return pk === keys.exclusions(competitionId).pk ? this.remove(item, 'exclusions') : undefined;
      case 'summary':
        return item.competitionId === competitionId ? this.remove(item, 'summaries') : undefined;
      case 'outbox':
        // Events of the edition, and any the publisher is long done with (the stream keeps records 24 h).
        return outboxCompetition(item) === competitionId || Number(item.expiresAt) <= epochSeconds(startedAt)
          ? this.remove(item, 'outbox')
          : undefined;
      case 'idempotency':
        // Honoured for a day only: an expired record serves nothing and may hold a stored answer.
        return Number(item.expiresAt) <= epochSeconds(startedAt)
          ? this.remove(item, 'idempotency')
          : undefined;
      case 'mail':
        // Keyed by recipient address and not by competition: every record older than the purge goes.
        return String(item.createdAt) < startedAt ? this.remove(item, 'mails') : undefined;
      case 'unit':
        return this.clearUnitContact(item, startedAt);
      case 'override':
        return ofCompetition('override') && item.reason !== CLEARED_REASON
          ? this.update(item, 'SET reason = :cleared', { ':cleared': CLEARED_REASON }, 'overrides')
          : undefined;
      default:
        // Known to hold nothing personal, or handled with their registration; any other type is counted, so the
        // report shows what the purge does not know yet rather than passing over it in silence.
        return KEPT_TYPES.has(String(item.type)) ? undefined : `unreviewed:${String(item.type)}`;
    }
  }

  /**
   * History first, then the people index, then the entry itself (replaced by its anonymous remains): a run
   * stopped in between finds the entry again and finishes it.
   */
  private async purgeRegistration(registration: Registration, purgedAt: string): Promise<void> {
    const { registrationId } = registration;
    const partition = await queryPartition(this.client, this.table, keys.registration(registrationId).pk);
    for (const entry of partition.filter((i) => i.type === 'history')) {
      // Who did what and when stays; every word of it (a reviewer's reason, any later payload) goes.
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: entry.pk,
            sk: entry.sk,
            type: 'history',
            version: entry.version,
            action: entry.action,
            at: entry.at,
            changedPaths: [],
          },
        }),
      );
    }
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: keys.peopleOf(registrationId) }));
    const failed = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.purgedRegistration(registrationId),
            type: 'purged-registration',
            ...purgedRegistration(registration, purgedAt),
          },
        },
      },
      { Delete: { TableName: this.table, Key: keys.registration(registrationId) } },
    ]);
    if (failed) throw new Error(`purge of ${registrationId} cancelled: ${failed.join(',')}`);
  }

  private async clearUnitContact(item: Item, startedAt: string): Promise<string | undefined> {
    const contact = item.contact as { name: string; phone: string; email: string };
    if (String(item.createdAt) >= startedAt || (contact.name === '' && contact.phone === ''))
      return undefined;
    // The unit's office address stays: the unit's mails go there, and it names no person.
    return this.update(
      item,
      'SET contact = :contact',
      { ':contact': { name: '', phone: '', email: contact.email } },
      'units',
    );
  }

  private async remove(item: Item, kind: string): Promise<string> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: { pk: item.pk, sk: item.sk } }));
    return kind;
  }

  private async update(item: Item, expression: string, values: Item, kind: string): Promise<string> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: expression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: values,
      }),
    );
    return kind;
  }
}

/** The competition an outbox event is about (every event's data names it). */
function outboxCompetition(item: Item): string | undefined {
  try {
    const { detail } = outboxEventOf(item) as { detail: { data?: { competitionId?: unknown } } };
    return typeof detail.data?.competitionId === 'string' ? detail.data.competitionId : undefined;
  } catch {
    return undefined;
  }
}
