/**
 * The portal reference client (examples/portal-client/sync.ts) against the local runtime: with a portal's key it
 * sees every entry of the portal's units (submitted by the portal or by the unit itself) and none of another
 * unit's, stores its cursor, and on the next run fetches only what changed since.
 */
import { describe, expect, it } from 'vitest';
import type { Registration } from '../../examples/portal-client/api.ts';
import { type CursorStore, sync } from '../../examples/portal-client/sync.ts';
import { createPortal, createUnit, eventually, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const local = localRuntimeOfFile({ clockStart: '2023-09-01T09:00:00+08:00' });

const memoryCursor = (): CursorStore & { saved: string[] } => {
  const saved: string[] = [];
  return { saved, load: async () => saved.at(-1), save: async (c) => void saved.push(c) };
};

describe('the portal reference client', () => {
  it("syncs its units' entries through the feed, keeping its cursor", async () => {
    const [a, b, other] = [
      await createUnit(local.runtime),
      await createUnit(local.runtime),
      await createUnit(local.runtime),
    ];
    const portal = await createPortal(local.runtime, { unitIds: [a.unitId, b.unitId] });
    const submit = async (token: string, unitId?: string) => {
      const r = await local.call('POST', REGISTRATIONS, {
        token,
        body: machineVisionEntry(),
        ...(unitId ? { headers: { 'bayu-unit': unitId } } : {}),
      });
      expect(r.status).toBe(201);
      return r.body.registrationId as string;
    };
    const byPortal = await submit(portal.token, a.unitId);
    const byUnit = await submit(b.token);
    const elsewhere = await submit(other.token);

    const cursor = memoryCursor();
    const seen = new Map<string, Registration>();
    const run = () =>
      sync({
        baseUrl: local.runtime.baseUrl,
        key: portal.token,
        cursor,
        pageSize: 2,
        onEntry: async (r) => void seen.set(r.registrationId, r),
      });
    // Each entry's evaluation is an event of its own: run until both are evaluated.
    await eventually(async () => {
      await run();
      return [byPortal, byUnit].every(
        (id) => (seen.get(id)?.eligibility as { status: string })?.status !== 'pending',
      )
        ? true
        : undefined;
    });
    expect([...seen.keys()].sort()).toEqual([byPortal, byUnit].sort());
    expect(seen.has(elsewhere)).toBe(false);
    expect(seen.get(byPortal)?.unitId).toBe(a.unitId);
    expect(cursor.saved.length).toBeGreaterThan(1);

    // The next run starts from the stored cursor: only the new entry is fetched.
    const later = await submit(portal.token, b.unitId);
    seen.clear();
    await eventually(async () => ((await run()).entries > 0 ? true : undefined));
    expect([...seen.keys()]).toEqual([later]);
  });
});
