/**
 * The dry run of a bulk import: the file read, each entry it describes judged exactly as the API would judge it
 * (validation, the open track, the eligibility pre-check of POST …/registrations/validate), plus what only a
 * whole file shows (a person twice in it), what the table knows (a person already entered, the places left).
 * Nothing is stored but the import record.
 */
import { type Edition, findGroup, findTrack, type Track } from '#shared/domain/edition.ts';
import { judge, runRules } from '#shared/domain/eligibility/engine.ts';
import { findingTexts } from '#shared/domain/eligibility/messages.ts';
import { AppError } from '#shared/domain/errors.ts';
import { IMPORT_COLUMNS, type ImportField } from '#shared/domain/import-columns.ts';
import {
  IMPORT_TTL_HOURS,
  type ImportEntry,
  type ImportRecord,
  type ImportSubmissions,
  type PlacesLeft,
} from '#shared/domain/import-record.ts';
import {
  type DraftEntry,
  draftEntries,
  fieldProblems,
  type ImportRow,
  placeOf,
  problemAt,
  type RowProblem,
} from '#shared/domain/import-rows.ts';
import { type ImportRefusal, importRefusalZh, rowsOfSheet } from '#shared/domain/import-sheet.ts';
import { activeStatuses, type EligibilityFinding } from '#shared/domain/registration.ts';
import type { RegistrationInput } from '#shared/domain/registration-input.ts';
import { validateRegistrationInput } from '#shared/domain/registration-validation.ts';
import type { Unit } from '#shared/domain/unit.ts';
import { paged } from '#shared/lib/paged.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { EligibilityStore } from '#shared/ports/eligibility-store.ts';
import type { ImportWorkbooks } from '#shared/ports/import-files.ts';
import type { ImportStore } from '#shared/ports/imports.ts';
import { loadEdition } from './competitions.ts';
import { assertOpen, type RegistrationDeps, type RequestContext, requireUnit } from './registrations.ts';

export interface ImportDeps extends RegistrationDeps {
  eligibility: EligibilityStore;
  imports: ImportStore;
  workbooks: ImportWorkbooks;
}

/** A whole file refused: 422 with one error for the body, its Chinese message beside the English. */
function refusedFile(refusal: ImportRefusal): AppError {
  return new AppError('VALIDATION_FAILED', `the file cannot be imported: ${refusal.code}`, [
    {
      path: '',
      code: refusal.code,
      message: `the file cannot be imported (${refusal.code})`,
      messageZh: importRefusalZh(refusal),
    },
  ]);
}

/** The column each eligibility rule's finding is about. */
const RULE_COLUMNS: Record<string, ImportField> = {
  'minimum-age': 'idNumber',
  'retirement-age': 'idNumber',
  'student-enrolment': 'enrolled',
  'employee-qualification': 'qualificationLevel',
  exclusions: 'idNumber',
  'advisor-not-contestant': 'advisorName',
  'employee-not-student-advisor': 'advisorName',
};

/** Problems found so far, at most one per cell: the first word on a cell is the one to fix. */
class Problems {
  readonly list: RowProblem[] = [];
  private readonly cells = new Set<string>();
  private readonly badRows = new Set<number>();

  add(problems: readonly RowProblem[]): void {
    for (const p of problems) {
      const cell = `${p.row}\n${p.column}`;
      if (this.cells.has(cell)) continue;
      this.cells.add(cell);
      this.badRows.add(p.row);
      this.list.push(p);
    }
  }

  clean(entry: DraftEntry): boolean {
    return entry.rows.every((r) => !this.badRows.has(r));
  }
}

interface Judged {
  entry: DraftEntry;
  input: RegistrationInput;
  track: Track;
}

/**
 * The file's entries judged alone: validation, the track open to the unit, the eligibility rules. The rules get
 * the context validateDraft's ruleContext would build, from one read of the unit and of the exclusion list for
 * the whole file rather than two reads per entry (a thousand entries would make that two thousand).
 */
async function judgeEntries(
  deps: ImportDeps,
  edition: Edition,
  unit: Unit,
  entries: DraftEntry[],
  rowsByNumber: ReadonlyMap<number, ImportRow>,
  problems: Problems,
  notes: Problems,
): Promise<Judged[]> {
  const excluded = new Set((await deps.eligibility.exclusions(edition.id))?.idHashes ?? []);
  const now = deps.clock.nowMs();
  const judged: Judged[] = [];
  const onRows = (entry: DraftEntry, field: ImportField, code: string, message: string) =>
    entry.rows.map((n) => problemAt(rowsByNumber.get(n)!, field, code, message));
  for (const entry of entries) {
    const track = entry.trackId ? findTrack(edition, entry.trackId) : undefined;
    if (track) {
      try {
        await assertOpen(deps, edition.id, track, unit.unitId, now);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.add(
          onRows(entry, 'track', error.code, `${track.name}现在不接受报名（报名时间已截止或尚未开始）`),
        );
        continue;
      }
    }
    const result = validateRegistrationInput(edition, entry.body);
    if (!result.ok) {
      problems.add(fieldProblems(entry, rowsByNumber, result.errors));
      continue;
    }
    if (!problems.clean(entry)) continue;
    const input = result.value;
    const valid = findTrack(edition, input.trackId)!;
    const hashes = await Promise.all(input.contestants.map((c) => deps.hasher.hash(c.idNumber)));
    const findings = runRules({
      edition,
      track: valid,
      entry: input,
      unitKind: unit.kind,
      excludedContestants: new Set(hashes.flatMap((h, i) => (excluded.has(h) ? [i] : []))),
    });
    const said = (f: EligibilityFinding) => {
      const place = placeOf(
        entry,
        f.contestantIndex === undefined ? '' : `/contestants/${f.contestantIndex}`,
      );
      return place.rows.map((n) =>
        problemAt(
          rowsByNumber.get(n)!,
          RULE_COLUMNS[f.rule] ?? 'name',
          f.code ?? f.rule,
          findingTexts(f).message,
        ),
      );
    };
    problems.add(findings.filter((f) => f.outcome === 'failed').flatMap(said));
    notes.add(findings.filter((f) => f.outcome === 'review').flatMap(said));
    if (judge(findings) !== 'failed') judged.push({ entry, input, track: valid });
  }
  return judged;
}

/** How many reads of the person claims run at once. */
const PARALLEL_READS = 16;

/** A person twice in the file, or already entered in the track (by anyone: the uniqueness claims say so). */
async function checkPeople(
  deps: ImportDeps,
  edition: Edition,
  judged: Judged[],
  rowsByNumber: ReadonlyMap<number, ImportRow>,
  problems: Problems,
): Promise<void> {
  const people = judged.flatMap(({ entry, input, track }) =>
    input.contestants.map((c, i) => ({ row: entry.rows[i]!, track, idNumber: c.idNumber })),
  );
  const firstRow = new Map<string, number>();
  for (const p of people) {
    const key = `${p.track.id}\n${p.idNumber}`;
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, p.row);
    else {
      problems.add([
        problemAt(
          rowsByNumber.get(p.row)!,
          'idNumber',
          'DUPLICATE_IN_FILE',
          `与第${first}行是同一人：同一赛项每人只能报名一次`,
        ),
      ]);
    }
  }
  for (let start = 0; start < people.length; start += PARALLEL_READS) {
    const batch = people.slice(start, start + PARALLEL_READS);
    const claimed = await Promise.all(
      batch.map(async (p) =>
        deps.eligibility.claimants({ competitionId: edition.id, trackId: p.track.id }, [
          await deps.hasher.hash(p.idNumber),
        ]),
      ),
    );
    batch.forEach((p, i) => {
      if (claimed[i]!.length === 0) return;
      problems.add([
        problemAt(
          rowsByNumber.get(p.row)!,
          'idNumber',
          'DUPLICATE_CONTESTANT',
          `该选手已报名${p.track.name}（同一赛项每人只能报名一次）`,
        ),
      ]);
    });
  }
}

/** The unit's places in each group the file names, and those its active entries hold now. */
async function placesOf(
  deps: ImportDeps,
  edition: Edition,
  unit: Unit,
  judged: Judged[],
): Promise<Map<string, PlacesLeft>> {
  const places = new Map<string, PlacesLeft>();
  for (const { track, input } of judged) {
    const key = `${track.id}#${input.groupId}`;
    if (places.has(key)) continue;
    const group = findGroup(track, input.groupId)!;
    places.set(key, { trackId: track.id, groupId: group.id, places: group.quota[unit.kind] ?? 0, taken: 0 });
  }
  if (places.size === 0) return places;
  const query = { competitionId: edition.id, unitId: unit.unitId, limit: 100 };
  for await (const r of paged((cursor) =>
    deps.registrations.list({ ...query, ...(cursor ? { cursor } : {}) }),
  )) {
    const held = places.get(`${r.trackId}#${r.groupId}`);
    if (held && activeStatuses.has(r.status)) held.taken += 1;
  }
  return places;
}

/**
 * Checks an uploaded file for the calling unit and stores the result (the import record) for its commit:
 * answers per row, ok or each problem with its column, and per entry whether it will be submitted.
 */
export async function checkImport(
  deps: ImportDeps,
  req: RequestContext & { competitionId: string; file: Uint8Array },
): Promise<ImportRecord> {
  const unitId = requireUnit(req.principal);
  const edition = await loadEdition(deps.editions, req.competitionId);
  const unit = await deps.units.get(unitId);
  if (!unit) throw new AppError('FORBIDDEN', 'the unit of this token no longer exists');
  const read = await deps.workbooks.read(req.file);
  if (!read.ok) throw refusedFile(read.refusal);
  const sheet = rowsOfSheet(read.cells);
  if (!sheet.ok) throw refusedFile(sheet.refusal);

  const rowsByNumber = new Map(sheet.rows.map((r) => [r.row, r]));
  const drafts = draftEntries(edition, sheet.rows);
  const problems = new Problems();
  const notes = new Problems();
  problems.add(drafts.problems);
  const judged = await judgeEntries(deps, edition, unit, drafts.entries, rowsByNumber, problems, notes);
  await checkPeople(deps, edition, judged, rowsByNumber, problems);

  // The places left go to the file's clean entries in the order of their rows; the rest are over the quota.
  const places = await placesOf(deps, edition, unit, judged);
  const ready = new Set<DraftEntry>();
  for (const { entry, track, input } of judged) {
    if (!problems.clean(entry)) continue;
    const left = places.get(`${track.id}#${input.groupId}`)!;
    if (left.taken + countIn(ready, track.id, input.groupId) < left.places) {
      ready.add(entry);
      continue;
    }
    const group = findGroup(track, input.groupId)!;
    const message = `本单位${track.name}${group.name}的名额（${left.places}个）已用完，此报名超出名额`;
    problems.add(entry.rows.map((n) => problemAt(rowsByNumber.get(n)!, 'group', 'QUOTA_FULL', message)));
  }

  const now = deps.clock.nowMs();
  const entries = drafts.entries.map(
    (e): ImportEntry => ({
      key: e.key,
      ...(e.trackId ? { trackId: e.trackId } : {}),
      ...(e.groupId ? { groupId: e.groupId } : {}),
      rows: e.rows,
      status: ready.has(e) ? 'ready' : 'invalid',
    }),
  );
  const record: ImportRecord = {
    importId: `imp_${deps.newId()}`,
    competitionId: edition.id,
    unitId,
    createdAt: isoAt(now),
    expiresAt: isoAt(now + IMPORT_TTL_HOURS * 3600_000),
    state: 'checked',
    rows: sheet.rows.map((r) => r.row),
    problems: inFileOrder(problems.list),
    notes: inFileOrder(notes.list),
    entries,
    places: [...places.values()],
  };
  const submissions: ImportSubmissions = Object.fromEntries(
    drafts.entries.filter((e) => ready.has(e)).map((e) => [e.key, e.body]),
  );
  await deps.imports.put(record, submissions);
  return record;
}

function countIn(entries: ReadonlySet<DraftEntry>, trackId: string, groupId: string): number {
  let n = 0;
  for (const e of entries) if (e.trackId === trackId && e.groupId === groupId) n += 1;
  return n;
}

const COLUMN_ORDER = new Map(IMPORT_COLUMNS.map((c, i) => [c.header, i]));
const columnRank = (header: string) => COLUMN_ORDER.get(header) ?? Number.MAX_SAFE_INTEGER;

/** By row, then by the template's column order, as a unit reads the file. */
function inFileOrder(problems: RowProblem[]): RowProblem[] {
  return [...problems].sort((a, b) => a.row - b.row || columnRank(a.column) - columnRank(b.column));
}
