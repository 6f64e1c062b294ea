/**
 * An entry's history grows with every change (each photo grant adds one): a read of the entry carries only the
 * latest entries, and `GET /v1/registrations/{id}/history` pages back through the rest with sealed cursors.
 */
import { describe, expect, it } from 'vitest';
import { createUnit, judged, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
/** The latest history entries a read of the entry carries. */
const ON_ENTRY = 20;

const local = localRuntimeOfFile({ clockStart: OPEN });

async function entryWithGrants(token: string, grants: number): Promise<string> {
  const created = await local.call('POST', REGISTRATIONS, { token, body: machineVisionEntry() });
  expect(created.status).toBe(201);
  const id = created.body.registrationId as string;
  await judged(local.runtime, id);
  await grant(token, id, grants);
  return id;
}

async function grant(token: string, id: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const granted = await local.call('POST', `/v1/registrations/${id}/contestants/0/photo`, { token });
    expect(granted.status).toBe(201);
  }
}

/** Every history entry, following the cursors from the entry's own back to the first. */
async function wholeHistory(token: string, id: string, limit: number): Promise<any[]> {
  const read = await local.call('GET', `/v1/registrations/${id}`, { token });
  const pages: any[][] = [read.body.history];
  let cursor: string | undefined = read.body.historyCursor;
  while (cursor) {
    const query = new URLSearchParams({ cursor, limit: String(limit) });
    const page = await local.call('GET', `/v1/registrations/${id}/history?${query}`, { token });
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    pages.unshift(page.body.items);
    cursor = page.body.cursor;
  }
  return pages.flat();
}

describe("an entry's history", () => {
  it('comes with the entry as its latest entries, however many grants there were', async () => {
    const unit = await createUnit(local.runtime);
    const id = await entryWithGrants(unit.token, 30);
    const read = async () => (await local.call('GET', `/v1/registrations/${id}`, { token: unit.token })).body;

    const first = await read();
    expect(first.history).toHaveLength(ON_ENTRY);
    expect(first.history.at(-1)).toMatchObject({ version: first.version, action: 'photo-upload-granted' });
    expect(first.historyCursor).toEqual(expect.any(String));
    await grant(unit.token, id, 10);
    const later = await read();
    expect(later.version).toBe(first.version + 10);
    expect(later.history).toHaveLength(ON_ENTRY);
    expect(later.history.map((h: any) => h.version)).toEqual(
      Array.from({ length: ON_ENTRY }, (_, i) => later.version - ON_ENTRY + 1 + i),
    );
  });

  it('is reachable to its first entry, page by page, in version order', async () => {
    const unit = await createUnit(local.runtime);
    const id = await entryWithGrants(unit.token, 30);
    const { version } = (await local.call('GET', `/v1/registrations/${id}`, { token: unit.token })).body;
    const history = await wholeHistory(unit.token, id, 7);
    expect(history.map((h) => h.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(history[0]).toMatchObject({ action: 'submitted', actor: unit.unitId });
    expect(history.filter((h) => h.action === 'photo-upload-granted')).toHaveLength(30);
    expect(await wholeHistory(local.runtime.secretariatToken, id, 100)).toEqual(history);
  });

  it("refuses another unit, and a cursor that is garbage, altered, another entry's or another caller's", async () => {
    const unit = await createUnit(local.runtime);
    const other = await createUnit(local.runtime);
    const [id, second] = [await entryWithGrants(unit.token, 20), await entryWithGrants(unit.token, 20)];
    const historyOf = (entry: string, token: string, cursor?: string) =>
      local.call('GET', `/v1/registrations/${entry}/history${cursor ? `?cursor=${cursor}` : ''}`, { token });
    const cursorOf = async (entry: string, token: string) =>
      (await local.call('GET', `/v1/registrations/${entry}`, { token })).body.historyCursor as string;

    expect((await historyOf(id, other.token)).status).toBe(404);
    const cursor = await cursorOf(id, unit.token);
    const altered = `${cursor.slice(0, -5)}${cursor.at(-5) === 'A' ? 'B' : 'A'}${cursor.slice(-4)}`;
    const refused = [
      await historyOf(id, unit.token, 'garbage'),
      await historyOf(id, unit.token, altered),
      await historyOf(second, unit.token, cursor),
      await historyOf(id, local.runtime.secretariatToken, cursor),
      await historyOf(id, unit.token, await cursorOf(id, local.runtime.secretariatToken)),
    ];
    for (const response of refused) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('MALFORMED_REQUEST');
    }
    expect((await historyOf(id, unit.token, cursor)).status).toBe(200);
  });
});
