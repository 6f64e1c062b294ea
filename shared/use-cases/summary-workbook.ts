/**
 * The sheets of one summary workbook, produced lazily from the store page by page. Each sheet is one pass over
 * the entries in the order it needs, so nothing but one page and a few counters is ever held:
 *
 * - 统计 and 待补充事项 and 总表: the competition's entries through the byCompetition index (track, then time);
 * - one 附件5 sheet per unit: the unit's entries through the byUnit index, units in the order they were created.
 *
 * The statistics come first in the workbook, so their counting pass runs before any sheet is written (a
 * streaming workbook writes its sheets one after the other). Four reads of the entries cost a few cents a night
 * and keep memory flat; grouping by unit in memory instead would hold every entry.
 */

import type { Edition, Track, UnitKind } from '#shared/domain/edition.ts';
import { activeStatuses, type Registration } from '#shared/domain/registration.ts';
import type { Sheet, SheetRow } from '#shared/domain/sheet.ts';
import {
  attachment5Header,
  attachment5Rows,
  attachment5Spec,
  hasIssues,
  issuesHeader,
  issuesRow,
  issuesSpec,
  masterHeader,
  masterRows,
  masterSpec,
  statisticsRows,
  statisticsSpec,
} from '#shared/domain/summary-layout.ts';
import { SummaryTally, type UnitInfo } from '#shared/domain/summary-tally.ts';
import { paged } from '#shared/lib/paged.ts';
import type { Page, RegistrationQuery } from '#shared/ports/stores.ts';

/** What the sheets read: a page of a competition's (or a unit's) registrations. */
export type ListRegistrations = (query: RegistrationQuery) => Promise<Page<Registration>>;

export interface WorkbookScope {
  edition: Edition;
  /** One track's workbook; undefined for the whole competition. */
  track?: Track;
  /** Every unit, by id (units are few: hundreds, not the entries' hundred thousand). */
  units: Map<string, UnitInfo>;
  asOf: string;
  /** The day printed on the 附件5 sheets (the as-of day in the edition's zone). */
  day: string;
  since: string | undefined;
  pageSize: number;
}

/** The scope's entries made up to its as-of instant: every sheet shows the same entries as the statistics. */
async function* entries(
  list: ListRegistrations,
  scope: WorkbookScope,
  unitId?: string,
): AsyncGenerator<Registration> {
  const all = paged((cursor) =>
    list({
      competitionId: scope.edition.id,
      limit: scope.pageSize,
      ...(scope.track ? { trackId: scope.track.id } : {}),
      ...(unitId ? { unitId } : {}),
      ...(cursor ? { cursor } : {}),
    }),
  );
  for await (const r of all) if (r.createdAt <= scope.asOf) yield r;
}

async function* rowsOf(
  header: SheetRow[],
  body: AsyncIterable<SheetRow[]> | Iterable<SheetRow[]>,
): AsyncGenerator<SheetRow> {
  yield* header;
  for await (const rows of body) yield* rows;
}

export async function* summarySheets(list: ListRegistrations, scope: WorkbookScope): AsyncGenerator<Sheet> {
  const { edition, units } = scope;
  const tally = new SummaryTally({ since: scope.since, until: scope.asOf });
  for await (const r of entries(list, scope)) tally.add(r, units.get(r.unitId));
  const unitsByKind: Record<UnitKind, number> = { enterprise: 0, school: 0 };
  for (const unit of units.values()) unitsByKind[unit.kind] += 1;
  const tracks = scope.track ? [scope.track] : edition.tracks;
  yield {
    spec: statisticsSpec(),
    rows: rowsOf(
      statisticsRows({ edition, tracks, tally, unitsByKind, asOf: scope.asOf, since: scope.since }),
      [],
    ),
  };

  yield {
    spec: issuesSpec(),
    rows: rowsOf(
      issuesHeader(),
      (async function* () {
        let serial = 0;
        for await (const r of entries(list, scope)) {
          if (hasIssues(r)) yield [issuesRow(edition, r, units.get(r.unitId), ++serial)];
        }
      })(),
    ),
  };

  yield {
    spec: masterSpec(),
    rows: rowsOf(
      masterHeader(),
      (async function* () {
        let serial = 1;
        for await (const r of entries(list, scope)) {
          const rows = masterRows(edition, r, units.get(r.unitId), serial);
          serial += rows.length;
          yield rows;
        }
      })(),
    ),
  };

  let sheetSerial = 0;
  for (const unit of units.values()) {
    const held = activeEntries(entries(list, scope, unit.unitId));
    const first = await held.next();
    if (first.done) continue; // no sheet for a unit without a place in this scope
    yield {
      spec: attachment5Spec(++sheetSerial, unit.name),
      rows: rowsOf(
        attachment5Header(edition, unit, scope.day),
        (async function* () {
          let serial = 1;
          for (let next: IteratorResult<Registration> = first; !next.done; next = await held.next()) {
            const rows = attachment5Rows(edition, next.value, serial);
            serial += rows.length;
            yield rows;
          }
        })(),
      ),
    };
  }
}

/** 附件5 lists the entries that hold a place: submitted and complete ones. */
async function* activeEntries(all: AsyncIterable<Registration>): AsyncGenerator<Registration> {
  for await (const r of all) if (activeStatuses.has(r.status)) yield r;
}
