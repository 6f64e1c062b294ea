/**
 * The change feed (GET /v1/events) through the local runtime: read page by page by the secretariat and by each
 * unit while entries are submitted, evaluated and withdrawn concurrently from several units, every reader gets
 * every event it may see exactly once, in the order a reader arriving afterwards gets them; a unit gets only
 * its own; no item holds a name, an ID number or a phone of the bodies sent; bad cursors and limits are
 * problems; an empty page still has its `next`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUnit, eventually, machineVisionEntry, person } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';

const local = localRuntimeOfFile({ clockStart: OPEN });

type Unit = Awaited<ReturnType<typeof createUnit>>;
type Item = { id: string; type: string; time: string; unitId?: string; registrationId?: string } & Record<
  string,
  unknown
>;

/** Reads the feed a page at a time, from no cursor, until told to stop and then until a page comes back empty. */
function follow(token: string, limit: number) {
  const items: Item[] = [];
  const cursors: string[] = [];
  let stopping = false;
  const done = (async () => {
    let after: string | undefined;
    for (;;) {
      const query = `?limit=${limit}${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
      const page = await local.call('GET', `/v1/events${query}`, { token });
      expect(page.status).toBe(200);
      expect(typeof page.body.next).toBe('string');
      items.push(...page.body.items);
      after = page.body.next;
      cursors.push(page.body.next);
      if (page.body.items.length === 0) {
        if (stopping) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  })();
  return {
    items,
    cursors,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

/** Every event the caller may see, read in one go once nothing moves any more. */
async function readAll(token: string): Promise<Item[]> {
  const reader = follow(token, 100);
  await reader.stop();
  return reader.items;
}

const units: Unit[] = [];
/** The ids of the events the bus carried, or of those about one unit. */
const publishedIds = (unitId?: string) =>
  local.runtime.bus.published
    .map((e) => e.detail as { metadata: { id: string }; data?: { unitId?: string } })
    .filter((detail) => unitId === undefined || detail.data?.unitId === unitId)
    .map((detail) => detail.metadata.id);
const bodies: unknown[] = [];
let secretariatRead: Item[] = [];
const unitReads = new Map<string, Item[]>();

beforeAll(async () => {
  for (let i = 0; i < 3; i++) units.push(await createUnit(local.runtime));
  const secretariat = follow(local.runtime.secretariatToken, 3);
  const readers = units.map((unit) => [unit.unitId, follow(unit.token, 2)] as const);

  // Each unit enters two contestants at once and withdraws the first entry; all units at the same time, each
  // entry then evaluated.
  await Promise.all(
    units.map(async (unit) => {
      const entries = [machineVisionEntry(person()), machineVisionEntry(person())];
      bodies.push(...entries);
      const created = await Promise.all(
        entries.map((body) => local.call('POST', REGISTRATIONS, { token: unit.token, body })),
      );
      for (const c of created) expect(c.status).toBe(201);
      const withdrawn = await local.call('DELETE', `/v1/registrations/${created[0]!.body.registrationId}`, {
        token: unit.token,
      });
      expect(withdrawn.status).toBe(204);
    }),
  );
  // Until nothing moves: the consumers done, and no event placed and published for a while after.
  await eventually(async () => {
    await local.runtime.bus.settled();
    const count = local.runtime.bus.published.length;
    await new Promise((r) => setTimeout(r, 500));
    // At least each unit's two submissions and its withdrawal.
    const moving = count !== local.runtime.bus.published.length;
    return !moving && units.every((u) => publishedIds(u.unitId).length >= 3);
  }, 60_000);

  await secretariat.stop();
  secretariatRead = secretariat.items;
  for (const [unitId, reader] of readers) {
    await reader.stop();
    unitReads.set(unitId, reader.items);
  }
}, 120_000);

describe('GET /v1/events', () => {
  it('gives the secretariat every published event exactly once, in the order a later reader gets them', async () => {
    const ids = secretariatRead.map((i) => i.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.toSorted()).toEqual([...new Set(publishedIds())].toSorted());
    expect(ids).toEqual((await readAll(local.runtime.secretariatToken)).map((i) => i.id));
  });

  it("gives each unit its own events exactly once, in the secretariat's order, and no other unit's", async () => {
    const all = await readAll(local.runtime.secretariatToken);
    for (const unit of units) {
      const read = unitReads.get(unit.unitId)!;
      expect(read.map((i) => i.id).toSorted()).toEqual(publishedIds(unit.unitId).toSorted());
      expect(read.every((i) => i.unitId === unit.unitId)).toBe(true);
      expect(read.map((i) => i.id)).toEqual(all.filter((i) => i.unitId === unit.unitId).map((i) => i.id));
      expect(read.map((i) => i.id)).toEqual((await readAll(unit.token)).map((i) => i.id));
    }
  });

  it('puts every cause before its consequences: an entry is submitted before it is evaluated or withdrawn', () => {
    const byRegistration = new Map<string, Item[]>();
    for (const item of secretariatRead.filter((i) => i.registrationId)) {
      byRegistration.set(item.registrationId!, [...(byRegistration.get(item.registrationId!) ?? []), item]);
    }
    expect(byRegistration.size).toBe(units.length * 2);
    for (const events of byRegistration.values()) {
      expect(events[0]).toMatchObject({ type: 'RegistrationSubmitted', status: 'submitted' });
      const withdrawn = events.findIndex((e) => e.type === 'RegistrationWithdrawn');
      if (withdrawn >= 0) expect(events[withdrawn]).toMatchObject({ status: 'withdrawn' });
    }
  });

  it('shows ids and states only: no name, ID number or phone of any body sent', () => {
    const text = JSON.stringify([...secretariatRead, ...[...unitReads.values()].flat()]);
    const personal = bodies.flatMap((body) => {
      const b = body as { leader: { name: string; phone: string }; contestants: Record<string, string>[] };
      return [
        b.leader.name,
        b.leader.phone,
        ...b.contestants.flatMap((c) => [c.name!, c.idNumber!, c.phone!, c.address!]),
      ];
    });
    for (const value of personal) expect(text).not.toContain(value);
    for (const item of secretariatRead) {
      expect(Object.keys(item).every((k) => KNOWN_FIELDS.has(k))).toBe(true);
    }
  });

  it('answers an empty page with a next cursor, which gives an empty page again', async () => {
    const quiet = await createUnit(local.runtime);

    const first = await local.call('GET', '/v1/events', { token: quiet.token });
    const second = await local.call('GET', `/v1/events?after=${encodeURIComponent(first.body.next)}`, {
      token: quiet.token,
    });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ items: [], next: expect.any(String) });
    expect(second.body).toEqual({ items: [], next: expect.any(String) });
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a cursor it did not give this caller with 400 MALFORMED_REQUEST', async () => {
    const [first, second] = units as [Unit, Unit];
    const secretariatCursor = (
      await local.call('GET', '/v1/events?limit=1', { token: local.runtime.secretariatToken })
    ).body.next as string;
    const unitCursor = (await local.call('GET', '/v1/events?limit=1', { token: first.token })).body
      .next as string;
    const forged = `${Buffer.from(JSON.stringify({ all: 0 })).toString('base64url')}.${unitCursor.split('.')[1]}`;

    for (const [token, after] of [
      [first.token, 'garbage'],
      [first.token, ''],
      [first.token, secretariatCursor],
      [second.token, unitCursor],
      [first.token, forged],
    ] as const) {
      const response = await local.call('GET', `/v1/events?after=${encodeURIComponent(after)}`, { token });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
    }
  });

  it('answers a limit outside 1-100 with 422 VALIDATION_FAILED', async () => {
    for (const limit of ['0', '101', 'ten', '2.5']) {
      const response = await local.call('GET', `/v1/events?limit=${limit}`, {
        token: local.runtime.secretariatToken,
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/limit' }] });
    }
  });

  it('answers 401 without a key', async () => {
    const response = await local.call('GET', '/v1/events');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

/** The fields a feed item may have (shared/domain/change-feed.ts). */
const KNOWN_FIELDS = new Set([
  'id',
  'type',
  'time',
  'competitionId',
  'registrationId',
  'unitId',
  'trackId',
  'groupId',
  'registrationVersion',
  'status',
  'eligibilityStatus',
  'photo',
  'summaryId',
]);
