/**
 * Storage ports. The DynamoDB adapters in shared/adapters/dynamodb implement them; use cases depend only on
 * these interfaces.
 */
import type { Edition } from '#shared/domain/edition.ts';
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
  /** Stores the unit with its first token (hash only). */
  create(unit: Unit, tokenHash: string): Promise<void>;
  get(unitId: string): Promise<Unit | undefined>;
  list(limit: number, cursor?: string): Promise<Page<Unit>>;
}

export interface TokenStore {
  find(tokenHash: string): Promise<Principal | undefined>;
  put(tokenHash: string, principal: Principal, createdAt: string): Promise<void>;
}

export interface EditionStore {
  get(competitionId: string): Promise<Edition | undefined>;
  put(edition: Edition): Promise<void>;
}
