/**
 * Storage ports. The DynamoDB adapters in shared/adapters/dynamodb implement them; use cases depend only on
 * these interfaces.
 */
import type { AccessKey, Account } from '#shared/domain/access.ts';
import type { Edition } from '#shared/domain/edition.ts';
import type { Portal } from '#shared/domain/portal.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Change, HistoryEntry, Registration } from '#shared/domain/registration.ts';
import type { Unit } from '#shared/domain/unit.ts';

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/** An event to publish, written in the same transaction as the change it reports. */
export interface OutboxEvent {
  id: string;
  source: string;
  detailType: string;
  /** The event's `detail`: `{ metadata, data }`. */
  detail: unknown;
  occurredAt: string;
}

export interface QuotaSlot {
  competitionId: string;
  unitId: string;
  trackId: string;
  groupId: string;
}

export interface IdempotencyClaim {
  /** Who used the key: keys are scoped to the caller. */
  scope: string;
  key: string;
  /** Hash of the request body: the same key with another body is refused. */
  requestHash: string;
}

export interface IdempotencyRecord {
  requestHash: string;
  registrationId: string;
}

/** An entry as stored. Its history is not read with it: that grows with every change (RegistrationStore.history). */
export interface StoredRegistration {
  registration: Registration;
}

export interface RegistrationQuery {
  competitionId: string;
  unitId?: string;
  trackId?: string;
  limit: number;
  cursor?: string;
}

export interface RegistrationStore {
  /**
   * Stores a new entry atomically with its quota place, its people's uniqueness claims, its history, its event
   * and its idempotency record. Throws AppError QUOTA_FULL or DUPLICATE_CONTESTANT, or IdempotencyKeyTaken.
   */
  create(write: {
    change: Change;
    quota: { slot: QuotaSlot; limit: number };
    personHashes: string[];
    event: OutboxEvent;
    idempotency?: IdempotencyClaim;
  }): Promise<void>;
  /** The live record of an idempotency key at instant `at` (records expire after a day). */
  findIdempotency(scope: string, key: string, at: string): Promise<IdempotencyRecord | undefined>;
  /** The entry alone, one item read whatever the length of its history. */
  get(registrationId: string): Promise<StoredRegistration | undefined>;
  /**
   * A page of the entry's history, the newest page first and each page in version order: without a cursor the
   * latest `limit` entries, then the ones before them.
   */
  history(registrationId: string, page: { limit: number; cursor?: string }): Promise<Page<HistoryEntry>>;
  list(query: RegistrationQuery): Promise<Page<Registration>>;
  /**
   * Adds a record that someone was shown personal data to the entry's history, after the entry at its current
   * version; the entry itself stays as it is (no version change, so a look never makes an amendment conflict).
   */
  recordViewing(registrationId: string, entry: HistoryEntry): Promise<void>;
  /** Applies a change to an active entry, conditional on its version (VERSION_CONFLICT otherwise). */
  update(write: {
    change: Change;
    expectedVersion: number;
    addedPersonHashes: string[];
    releasedPersonHashes: string[];
    /** Set when the change gives the entry's quota place back. */
    releaseQuota?: QuotaSlot;
    /** Every event the change publishes, in order. */
    events: OutboxEvent[];
  }): Promise<void>;
}

/** Thrown by RegistrationStore.create when another request with the same idempotency key won the race. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('idempotency key already used');
    this.name = 'IdempotencyKeyTaken';
  }
}

export interface UnitStore {
  /** Stores the unit with its first key, in one transaction. */
  create(unit: Unit, firstKey: NewKey): Promise<void>;
  get(unitId: string): Promise<Unit | undefined>;
  list(limit: number, cursor?: string): Promise<Page<Unit>>;
}

/** What authentication reads of a key, by the hash of its secret: who it signs in as, and whether it still may. */
export interface Credential {
  principal: Principal;
  expiresAt?: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

/** The credentials every authenticating function reads on each request (never cached: a revocation holds at once). */
export interface TokenStore {
  find(tokenHash: string): Promise<Credential | undefined>;
  /** Records the key's use at `at`, unless a use after `staleBefore` is already recorded (then nothing is written). */
  touch(tokenHash: string, at: string, staleBefore: string): Promise<void>;
}

/** A key about to be stored: its record, the hash of its secret and the principal it signs in as. */
export interface NewKey {
  key: AccessKey;
  tokenHash: string;
  principal: Principal;
}

/** A key's record as stored: with the hash that finds its credential (never shown). */
export interface StoredKey extends AccessKey {
  tokenHash: string;
}

export interface KeyStore {
  get(keyId: string): Promise<StoredKey | undefined>;
  /** Every key of a unit or account, oldest first, with its last use. */
  ofOwner(owner: string): Promise<StoredKey[]>;
  /**
   * Stores a new key and, in the same transaction, gives each of `expiring` its new expiry (a rotation). False
   * when one of those keys changed since it was read (another rotation or a revocation won): nothing is stored.
   */
  issue(key: NewKey, expiring?: { key: StoredKey; expiresAt: string }[]): Promise<boolean>;
  /** Revokes the key's record and its credential together; revoking a revoked key changes nothing. */
  revoke(key: StoredKey, at: string): Promise<void>;
}

export interface AccountStore {
  /** Stores the account with its first key, in one transaction. */
  create(account: Account, firstKey: NewKey): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
  /** Every account, oldest first (the secretariat is a handful of people). */
  list(): Promise<Account[]>;
}

export interface PortalStore {
  /** Stores the portal client with its first key, in one transaction. */
  create(portal: Portal, firstKey: NewKey): Promise<void>;
  get(portalId: string): Promise<Portal | undefined>;
  /** Every portal client, oldest first (a few dozen at most: the districts' and schools' systems). */
  list(): Promise<Portal[]>;
}

export interface EditionStore {
  get(competitionId: string): Promise<Edition | undefined>;
  put(edition: Edition): Promise<void>;
}
