/** The purge's progress on in-memory ports: when it may start, where it stops, how it resumes, what it reports. */
import { describe, expect, it, vi } from 'vitest';
import { purgeDueAtMs } from '#shared/domain/purge.ts';
import type { ObjectPurger, PurgeCheckpoint, PurgeStore } from '#shared/ports/purge.ts';
import { type PurgeDeps, purgePersonalData } from '#shared/use-cases/purge.ts';
import { InMemoryMailLog, scriptedMailer } from '../support/fake-mail.ts';
import { edition2023, FixedClock, InMemoryEditionStore } from '../support/fake-ports.ts';

const input = { action: 'purge-personal-data', competitionId: 'bayu-2023' } as const;
const DUE = purgeDueAtMs(edition2023());

/** A table of three scan pages, each clearing two registrations, and a bucket of 1,500 photos. */
function setup(timeLeftMs: () => number) {
  let saved: PurgeCheckpoint | undefined;
  const pages = ['p1', 'p2', undefined];
  const purge = {
    checkpoint: async () => saved,
    saveCheckpoint: async (c: PurgeCheckpoint) => {
      saved = structuredClone(c);
    },
    purgePage: vi.fn<PurgeStore['purgePage']>(async (_scope, cursor) => {
      const next = pages[cursor === undefined ? 0 : pages.indexOf(cursor) + 1];
      return { counts: { registrations: 2 }, ...(next ? { cursor: next } : {}) };
    }),
  } satisfies PurgeStore;
  let photos = 1500;
  const objects: ObjectPurger = {
    deleteBatch: async (prefix) => {
      if (!prefix.startsWith('photos/') || photos === 0) return { deleted: 0, more: false };
      const deleted = Math.min(1000, photos);
      photos -= deleted;
      return { deleted, more: true };
    },
  };
  const { mailer, delivered } = scriptedMailer(0);
  const clock = new FixedClock(DUE);
  const deps: PurgeDeps = {
    editions: new InMemoryEditionStore(edition2023()),
    purge,
    objects,
    mailer,
    mailLog: new InMemoryMailLog(),
    clock,
    timeLeftMs,
  };
  return { deps, purge, delivered, clock };
}

describe('the personal-data purge', () => {
  it('touches nothing before the edition is due, whoever invokes it', async () => {
    const { deps, purge, clock } = setup(() => 900_000);
    clock.set(DUE - 1);
    expect(await purgePersonalData(deps, input)).toEqual({ outcome: 'not-due', counts: {} });
    expect(purge.purgePage).not.toHaveBeenCalled();
  });

  it('stops between pages when time runs short and resumes at the saved page, reporting once', async () => {
    let budget = 1;
    const { deps, purge, delivered } = setup(() => (budget-- > 0 ? 900_000 : 0));
    expect((await purgePersonalData(deps, input)).outcome).toBe('unfinished');
    expect(purge.purgePage.mock.calls.map(([, cursor]) => cursor)).toEqual([undefined]);
    expect(delivered).toEqual([]);

    budget = Number.POSITIVE_INFINITY;
    const done = await purgePersonalData(deps, input);
    expect(done).toEqual({ outcome: 'purged', counts: { registrations: 6, 'objects:photos/': 1500 } });
    expect(purge.purgePage.mock.calls.map(([, cursor]) => cursor)).toEqual([undefined, 'p1', 'p2']);
    expect(delivered.map((m) => m.to)).toEqual(edition2023().secretariatEmails.map((to) => [to]));
    expect(delivered[0]?.text).toContain('选手照片 | 1500');

    expect((await purgePersonalData(deps, input)).outcome).toBe('already-purged');
    expect(delivered).toHaveLength(2);
  });
});
