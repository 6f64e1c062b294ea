/**
 * In-memory fakes of the ports a use case needs, with spies on the writes, so unit tests can run a use case
 * without DynamoDB and assert what it stored (or that it stored nothing).
 */
import { vi } from 'vitest';
import { type Edition, parseEdition } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { HistoryEntry, Registration } from '#shared/domain/registration.ts';
import type { Unit } from '#shared/domain/unit.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { IdHasher } from '#shared/ports/crypto.ts';
import type { DeadlineOverride, DeadlineStore, OverrideEnd, TrackClosure } from '#shared/ports/deadlines.ts';
import type { OneTimeSchedule, OneTimeSchedules } from '#shared/ports/one-time-schedules.ts';
import type {
  EditionStore,
  IdempotencyRecord,
  OutboxEvent,
  RegistrationQuery,
  RegistrationStore,
  UnitStore,
} from '#shared/ports/stores.ts';
import type { RegistrationDeps } from '#shared/use-cases/registrations.ts';
import edition2023Document from '../../shared/editions/bayu-2023.json' with { type: 'json' };

/** A secretariat member (not an admin) and a unit, as their keys sign them in. */
export const secretariatMember: Principal = {
  role: 'secretariat',
  accountId: 'acct_member',
  name: '王委员',
  admin: false,
  keyId: 'key_member',
};
export const unitPrincipal = (unitId: string): Principal => ({
  role: 'unit',
  unitId,
  keyId: `key_${unitId}`,
});

export const edition2023 = (): Edition => parseEdition(structuredClone(edition2023Document));

/** A clock that reads whatever instant the test sets. */
export class FixedClock implements Clock {
  private now: number;
  constructor(instant: string | number) {
    this.now = typeof instant === 'number' ? instant : Date.parse(instant);
  }
  set(instant: string | number): void {
    this.now = typeof instant === 'number' ? instant : Date.parse(instant);
  }
  nowMs(): number {
    return this.now;
  }
}

export class InMemoryEditionStore implements EditionStore {
  private readonly editions = new Map<string, Edition>();
  constructor(...editions: Edition[]) {
    for (const e of editions) this.editions.set(e.id, e);
  }
  async get(competitionId: string) {
    return this.editions.get(competitionId);
  }
  async put(edition: Edition) {
    this.editions.set(edition.id, edition);
  }
}

export class InMemoryUnitStore implements UnitStore {
  private readonly units = new Map<string, Unit>();
  constructor(...units: Unit[]) {
    for (const u of units) this.units.set(u.unitId, u);
  }
  async create(unit: Unit) {
    this.units.set(unit.unitId, unit);
  }
  async get(unitId: string) {
    return this.units.get(unitId);
  }
  async list() {
    return { items: [...this.units.values()] };
  }
}

/** Keeps entries and their history; no quota or uniqueness rules (those belong to the DynamoDB adapter). */
export class InMemoryRegistrationStore implements RegistrationStore {
  readonly entries = new Map<string, { registration: Registration; history: HistoryEntry[] }>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();

  readonly create = vi.fn<RegistrationStore['create']>(async (write) => {
    const { registration, history } = write.change;
    this.entries.set(registration.registrationId, { registration, history: [history] });
    if (write.idempotency) {
      const { scope, key, requestHash } = write.idempotency;
      this.idempotency.set(`${scope}\n${key}`, { requestHash, registrationId: registration.registrationId });
    }
  });

  readonly update = vi.fn<RegistrationStore['update']>(async (write) => {
    const { registration, history } = write.change;
    const found = this.entries.get(registration.registrationId);
    if (!found || found.registration.version !== write.expectedVersion) {
      throw new AppError('VERSION_CONFLICT', 'the registration was changed meanwhile');
    }
    this.entries.set(registration.registrationId, { registration, history: [...found.history, history] });
  });

  async findIdempotency(scope: string, key: string) {
    return this.idempotency.get(`${scope}\n${key}`);
  }

  async get(registrationId: string) {
    const found = this.entries.get(registrationId);
    return found && { registration: found.registration };
  }

  /** Pages as the DynamoDB adapter does: newest page first, each in version order; the cursor is an index. */
  async history(registrationId: string, page: { limit: number; cursor?: string }) {
    const all = this.entries.get(registrationId)?.history ?? [];
    const end = page.cursor === undefined ? all.length : Number(page.cursor);
    const start = Math.max(0, end - page.limit);
    return { items: all.slice(start, end), ...(start > 0 ? { cursor: String(start) } : {}) };
  }

  async recordViewing(registrationId: string, entry: HistoryEntry) {
    this.entries.get(registrationId)?.history.push(entry);
  }

  /** Honours the query's filters, as the indexes do; one page. */
  async list(query: RegistrationQuery) {
    const matches = (r: Registration) =>
      r.competitionId === query.competitionId &&
      (!query.unitId || r.unitId === query.unitId) &&
      (!query.trackId || r.trackId === query.trackId);
    return { items: [...this.entries.values()].map((e) => e.registration).filter(matches) };
  }
}

/** Closures, override ends (each once, with its event) and grants, as the DynamoDB adapter keeps them. */
export class InMemoryDeadlineStore implements DeadlineStore {
  readonly closures: Array<{ closure: TrackClosure; event: OutboxEvent }> = [];
  readonly ends: Array<{ end: OverrideEnd; event: OutboxEvent }> = [];
  readonly grants: DeadlineOverride[] = [];

  async recordClosure(closure: TrackClosure, event: OutboxEvent) {
    const same = (c: TrackClosure) =>
      c.competitionId === closure.competitionId && c.trackId === closure.trackId;
    if (this.closures.some((c) => same(c.closure))) return false;
    this.closures.push({ closure, event });
    return true;
  }
  async recordOverrideEnd(end: OverrideEnd, event: OutboxEvent) {
    const key = (e: OverrideEnd) => [e.competitionId, e.trackId, e.unitId, e.until].join('\n');
    if (this.ends.some((e) => key(e.end) === key(end))) return false;
    this.ends.push({ end, event });
    return true;
  }
  async grantOverride(override: DeadlineOverride) {
    this.grants.push(override);
  }
  async overridesFor(competitionId: string, trackId: string, unitId: string) {
    return this.grants.filter(
      (g) => g.competitionId === competitionId && g.trackId === trackId && g.unitId === unitId,
    );
  }
  async listOverrides(competitionId: string) {
    return { items: this.grants.filter((g) => g.competitionId === competitionId).reverse() };
  }
}

/** One-time schedules by key, as Scheduler keeps them by name: the same key twice creates one. */
export class InMemoryOneTimeSchedules implements OneTimeSchedules {
  readonly created = new Map<string, OneTimeSchedule>();
  failing = false;
  readonly schedule = vi.fn<OneTimeSchedules['schedule']>(async (s) => {
    if (this.failing) throw new Error('Scheduler is unavailable');
    if (this.created.has(s.key)) return false;
    this.created.set(s.key, s);
    return true;
  });
}

/** Not keyed, but deterministic and one-way enough for tests: equal numbers give equal hashes. */
export const fakeHasher: IdHasher = { hash: async (idNumber) => `hash:${[...idNumber].reverse().join('')}` };

export const enterpriseUnit = (unitId = 'unit_ent_1'): Unit => ({
  unitId,
  name: '重庆测试公司',
  kind: 'enterprise',
  contact: { name: '李明', phone: '13900001111', email: 'unit@example.cn' },
  createdAt: '2023-07-01T00:00:00.000Z',
});

/** Use-case dependencies over the fakes, with the 2023 edition and one enterprise unit. */
export function fakeRegistrationDeps(clock: FixedClock, unit: Unit = enterpriseUnit()) {
  let counter = 0;
  const registrations = new InMemoryRegistrationStore();
  const deps: RegistrationDeps = {
    registrations,
    editions: new InMemoryEditionStore(edition2023()),
    units: new InMemoryUnitStore(unit),
    hasher: fakeHasher,
    clock,
    newId: () => `id${String(++counter).padStart(4, '0')}`,
  };
  return { deps, registrations, unit };
}
