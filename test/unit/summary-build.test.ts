/**
 * The summary build's attempts, on in-memory ports: who holds a build, what a refused or failed attempt
 * removes, and what it reports. The workbooks themselves are tested in xlsx-writer and summaries (integration).
 */
import { describe, expect, it } from 'vitest';
import { BUILD_SUMMARY_TIMEOUT_SECONDS } from '#shared/config/function-timeouts.ts';
import { purgeDueAtMs } from '#shared/domain/purge.ts';
import { claimLeaseMs, type Summary } from '#shared/domain/summary.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { WorkbookStorage } from '#shared/ports/summaries.ts';
import { buildSummary, runNightlySummary, type SummaryDeps } from '#shared/use-cases/summaries.ts';
import {
  edition2023,
  FixedClock,
  InMemoryEditionStore,
  InMemoryRegistrationStore,
  InMemoryUnitStore,
} from '../support/fake-ports.ts';
import { InMemorySummaryStore } from '../support/fake-summary-ports.ts';

const SUMMARY_ID = 'sum_x';

function setup() {
  const clock = new FixedClock('2023-09-02T02:30:00+08:00');
  const summaries = new InMemorySummaryStore();
  const written: string[] = [];
  const removed: string[] = [];
  const workbooks: WorkbookStorage = {
    async writeWorkbook(key, sheets) {
      for await (const sheet of sheets) for await (const _row of sheet.rows);
      written.push(key);
      return { bytes: 1 };
    },
    async removeWorkbooks(keys) {
      removed.push(...keys);
    },
  };
  let ids = 0;
  const deps: SummaryDeps = {
    summaries,
    workbooks,
    registrations: new InMemoryRegistrationStore(),
    units: new InMemoryUnitStore(),
    editions: new InMemoryEditionStore(edition2023()),
    clock,
    newId: () => `id${++ids}`,
    pageSize: 10,
    timeoutSeconds: BUILD_SUMMARY_TIMEOUT_SECONDS,
  };
  const requested: Summary = {
    summaryId: SUMMARY_ID,
    competitionId: 'bayu-2023',
    kind: 'on-demand',
    state: 'requested',
    requestedAt: isoAt(clock.nowMs()),
    requestedBy: 'secretariat',
    files: [],
  };
  summaries.summaries.set(SUMMARY_ID, requested);
  return { deps, clock, summaries, written, removed };
}

describe('buildSummary', () => {
  it('writes a workbook per track and one for the competition under its attempt id, and completes once', async () => {
    const { deps, summaries, written } = setup();
    const built = await buildSummary(deps, { summaryId: SUMMARY_ID, correlationId: 'c' });
    expect(built?.state).toBe('ready');
    expect(written).toEqual(built?.files.map((f) => f.key));
    expect(written.every((key) => key.includes(`/${SUMMARY_ID}/id1/`))).toBe(true);
    expect(summaries.events.map((e) => e.detailType)).toEqual(['SummaryPublished']);
  });

  it('removes its files when another attempt completed first, and answers with that one', async () => {
    const { deps, summaries, written, removed } = setup();
    const complete = summaries.complete.bind(summaries);
    summaries.complete = async (summary, event) => {
      const other = { scope: 'all', fileName: 'other.xlsx', key: 'summaries/other/all.xlsx', bytes: 1 };
      await complete({ ...summary, files: [other], completedAt: 'by the other attempt' }, event);
      return complete(summary, event);
    };
    const answer = await buildSummary(deps, { summaryId: SUMMARY_ID, correlationId: 'c' });
    expect(answer?.completedAt).toBe('by the other attempt');
    expect(removed).toEqual(written);
    expect(removed).toHaveLength(3);
  });

  it('fails while another attempt holds the build, and takes it over once the lease has run out', async () => {
    const { deps, clock, summaries } = setup();
    const BUILD_LEASE_MS = claimLeaseMs(deps.timeoutSeconds);
    const started = clock.nowMs();
    expect(await summaries.startBuilding(SUMMARY_ID, isoAt(started), isoAt(started - BUILD_LEASE_MS))).toBe(
      'started',
    );
    clock.set(started + 60_000);
    await expect(buildSummary(deps, { summaryId: SUMMARY_ID, correlationId: 'c' })).rejects.toThrow(
      'being built by another invocation',
    );
    clock.set(started + BUILD_LEASE_MS + 1_000);
    expect((await buildSummary(deps, { summaryId: SUMMARY_ID, correlationId: 'c' }))?.state).toBe('ready');
  });

  it('records a failed attempt, removes what it wrote, and rethrows the build error', async () => {
    const { deps, summaries, written, removed } = setup();
    const workbooks: WorkbookStorage = {
      async writeWorkbook(key, sheets) {
        if (written.length === 1) throw new Error('bucket unavailable');
        return deps.workbooks.writeWorkbook(key, sheets);
      },
      removeWorkbooks: deps.workbooks.removeWorkbooks,
    };
    summaries.markFailed = async () => {
      throw new Error('table unavailable');
    };
    await expect(
      buildSummary({ ...deps, workbooks }, { summaryId: SUMMARY_ID, correlationId: 'c' }),
    ).rejects.toThrow('bucket unavailable');
    // The workbook written, and the one whose upload failed (nothing stored, nothing lost by asking).
    expect(removed).toHaveLength(2);
    expect(removed[0]).toBe(written[0]);
  });
});

describe('runNightlySummary', () => {
  it('builds nothing once the edition is due to be purged: no new workbooks of purged entries, no digest', async () => {
    const { deps, clock, summaries, written } = setup();
    clock.set(purgeDueAtMs(edition2023()));
    expect(await runNightlySummary(deps, { competitionId: 'bayu-2023', correlationId: 'c' })).toBeUndefined();
    expect(written).toEqual([]);
    expect([...summaries.summaries.keys()]).toEqual([SUMMARY_ID]);
    clock.set(purgeDueAtMs(edition2023()) - 3_600_000);
    expect((await runNightlySummary(deps, { competitionId: 'bayu-2023', correlationId: 'c' }))?.state).toBe(
      'ready',
    );
  });
});
