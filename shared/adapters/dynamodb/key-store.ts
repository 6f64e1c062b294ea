/**
 * Keys as two items that never disagree, written together in transactions: the credential (TOKEN#hash), which
 * authentication reads on every request and which carries all it needs (principal, expiry, revocation), and the
 * record (KEY#keyId), which the API lists per owner through the byUnit index. A key's last use is a third item
 * (KEYUSE#hash), so that the functions that stamp it cannot write credentials.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessKey } from '#shared/domain/access.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Credential, KeyStore, NewKey, StoredKey, TokenStore } from '#shared/ports/stores.ts';
import { conditionalWrite } from './conditional-write.ts';
import { queryIndexAll } from './index-reads.ts';
import { keyIndexKeys, keys, ownerKeysPartition } from './keys.ts';
import { type TransactItem, transactWrite } from './transactions.ts';

/**
 * A key's expiry is stored as `validUntil`: `expiresAt` is the table's TTL attribute, which would delete the
 * items themselves (and with them the record that the key existed).
 */
interface KeyAttributes {
  validUntil?: string;
  revokedAt?: string;
}

/** The id of a credential written before keys were records: it has none, and no record to list or revoke. */
const LEGACY_KEY_ID = 'legacy';

/**
 * The principal a credential signs in as. Those written before keys were records carry a unit's id, or the
 * shared secretariat token's bare role, which signs in as a member (not an admin) under the actor those
 * histories already name.
 */
function principalOf(stored: Record<string, unknown>): Principal {
  if (typeof stored.keyId === 'string') return stored as Principal;
  return stored.role === 'unit'
    ? { role: 'unit', unitId: String(stored.unitId), keyId: LEGACY_KEY_ID }
    : {
        role: 'secretariat',
        accountId: 'secretariat',
        name: '大赛执委会',
        admin: false,
        keyId: LEGACY_KEY_ID,
      };
}

function expiryAttributes(k: Pick<AccessKey, 'expiresAt' | 'revokedAt'>): KeyAttributes {
  return {
    ...(k.expiresAt ? { validUntil: k.expiresAt } : {}),
    ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}),
  };
}

function storedKeyOf(item: Record<string, unknown>, lastUsedAt: string | undefined): StoredKey {
  const { validUntil, revokedAt } = item as KeyAttributes;
  return {
    keyId: String(item.keyId),
    kind: item.kind as AccessKey['kind'],
    owner: String(item.owner),
    hint: String(item.hint),
    createdBy: String(item.createdBy),
    createdAt: String(item.createdAt),
    tokenHash: String(item.tokenHash),
    ...(lastUsedAt ? { lastUsedAt } : {}),
    ...(validUntil ? { expiresAt: validUntil } : {}),
    ...(revokedAt ? { revokedAt } : {}),
  };
}

/** The transaction parts that store a new key: its record and its credential, neither overwriting anything. */
export function newKeyParts(table: string, { key, tokenHash, principal }: NewKey): TransactItem[] {
  const { expiresAt: _expiresAt, revokedAt: _revokedAt, lastUsedAt: _lastUsedAt, ...record } = key;
  const expiry = expiryAttributes(key);
  return [
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.accessKey(key.keyId),
          ...keyIndexKeys(key),
          type: 'key',
          ...record,
          tokenHash,
          ...expiry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: { ...keys.token(tokenHash), type: 'token', principal, createdAt: key.createdAt, ...expiry },
        // A credential from before keys were records, for the same secret (the same hash), becomes this key.
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(principal.keyId)',
      },
    },
  ];
}

export class DynamoKeyStore implements KeyStore, TokenStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async find(tokenHash: string): Promise<Credential | undefined> {
    const [credential, use] = await Promise.all([
      // Strongly consistent: a key revoked a moment ago must not sign in from a stale replica.
      this.client.send(
        new GetCommand({ TableName: this.table, Key: keys.token(tokenHash), ConsistentRead: true }),
      ),
      this.client.send(new GetCommand({ TableName: this.table, Key: keys.keyUse(tokenHash) })),
    ]);
    const item = credential.Item;
    if (!item) return undefined;
    const { validUntil, revokedAt } = item as KeyAttributes;
    const lastUsedAt = use.Item?.lastUsedAt as string | undefined;
    return {
      principal: principalOf(item.principal as Record<string, unknown>),
      ...(validUntil ? { expiresAt: validUntil } : {}),
      ...(revokedAt ? { revokedAt } : {}),
      ...(lastUsedAt ? { lastUsedAt } : {}),
    };
  }

  async touch(tokenHash: string, at: string, staleBefore: string): Promise<void> {
    // Two instances may stamp the same key at once: the condition lets one of them write, the other nothing.
    await conditionalWrite(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.keyUse(tokenHash),
          UpdateExpression: 'SET lastUsedAt = :at, #type = :type',
          ConditionExpression: 'attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':at': at, ':stale': staleBefore, ':type': 'key-use' },
        }),
      ),
    );
  }

  async get(keyId: string): Promise<StoredKey | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.accessKey(keyId), ConsistentRead: true }),
    );
    return Item ? storedKeyOf(Item, await this.lastUse(String(Item.tokenHash))) : undefined;
  }

  async ofOwner(owner: string): Promise<StoredKey[]> {
    const items = await queryIndexAll(this.client, {
      TableName: this.table,
      IndexName: 'byUnit',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': ownerKeysPartition(owner) },
    });
    return Promise.all(items.map(async (i) => storedKeyOf(i, await this.lastUse(String(i.tokenHash)))));
  }

  async issue(key: NewKey, expiring: { key: StoredKey; expiresAt: string }[] = []): Promise<boolean> {
    const failed = await transactWrite(this.client, [
      ...newKeyParts(this.table, key),
      ...expiring.flatMap(({ key: old, expiresAt }) => this.expiryParts(old, expiresAt)),
    ]);
    if (!failed) return true;
    // The new key's two items are random: only a rotated key that changed meanwhile is an expected refusal.
    if (failed[0] || failed[1]) throw new Error(`key issue cancelled: ${failed.join(',')}`);
    return false;
  }

  async revoke(key: StoredKey, at: string): Promise<void> {
    const set = (Key: Record<string, string>, condition: string): TransactItem => ({
      Update: {
        TableName: this.table,
        Key,
        UpdateExpression: 'SET revokedAt = :at',
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':at': at },
      },
    });
    // Conditional on the record, so a second revocation keeps the first one's time (and changes nothing).
    await transactWrite(this.client, [
      set(keys.accessKey(key.keyId), 'attribute_exists(pk) AND attribute_not_exists(revokedAt)'),
      set(keys.token(key.tokenHash), 'attribute_exists(pk)'),
    ]);
  }

  /** A rotated key's new expiry on both items, conditional on the record being as read (not revoked, same expiry). */
  private expiryParts(old: StoredKey, expiresAt: string): TransactItem[] {
    const update = (Key: Record<string, string>, condition: string, values = {}): TransactItem => ({
      Update: {
        TableName: this.table,
        Key,
        UpdateExpression: 'SET validUntil = :until',
        ConditionExpression: `attribute_exists(pk) AND ${condition}`,
        ExpressionAttributeValues: { ':until': expiresAt, ...values },
      },
    });
    const asRead = old.expiresAt
      ? update(keys.accessKey(old.keyId), 'attribute_not_exists(revokedAt) AND validUntil = :seen', {
          ':seen': old.expiresAt,
        })
      : update(
          keys.accessKey(old.keyId),
          'attribute_not_exists(revokedAt) AND attribute_not_exists(validUntil)',
        );
    return [asRead, update(keys.token(old.tokenHash), 'attribute_not_exists(revokedAt)')];
  }

  private async lastUse(tokenHash: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keys.keyUse(tokenHash) }),
    );
    return Item?.lastUsedAt as string | undefined;
  }
}
