/**
 * From the rows of an import file to registration bodies: rows grouped into entries (a team's rows by 队号), each
 * cell's words turned into the API's codes, and every problem said in Chinese against its row and column. The
 * bodies then go through the same validation as the API (validateRegistrationInput); its field errors come back
 * here to be placed on the row and column they concern.
 */
import { type Edition, findTrack, type Track } from './edition.ts';
import { fieldErrorZh } from './field-errors-zh.ts';
import { columnOf, type ImportField, NO, YES } from './import-columns.ts';
import { educationZh, genderZh, identityZh, qualificationZh } from './labels-zh.ts';
import { maskIdNumber, maskPhone } from './masking.ts';
import type { FieldError } from './registration-input.ts';

/** One row of the file as read: the text of each cell the header names. */
export interface ImportRow {
  /** The row number Excel shows. */
  row: number;
  cells: Partial<Record<ImportField, string>>;
  /** Fields whose cell held a number where the template asks for text (an ID number loses its digits). */
  numericCells?: ImportField[];
}

/** One problem with one cell, as the unit reads it. */
export interface RowProblem {
  row: number;
  /** The column's header in the template. */
  column: string;
  code: string;
  message: string;
  /** The cell's value, ID numbers and phones masked; absent when the cell is empty. */
  value?: string;
}

/** An entry the file describes: its rows (contestants in order) and the body they make. */
export interface DraftEntry {
  /** Stable within the file: the track and the 队号, or the track and the row of a single contestant. */
  key: string;
  trackId?: string;
  groupId?: string;
  rows: number[];
  body: Record<string, unknown>;
}

const MASKED: Partial<Record<ImportField, (v: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  leaderPhone: maskPhone,
  advisorPhone: maskPhone,
};

const MAX_SHOWN_VALUE = 50;

/** A cell's value as a problem may show it: numbers that identify a person masked, long text cut. */
function shownValue(field: ImportField, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const masked = MASKED[field]?.(value) ?? value;
  return Array.from(masked).slice(0, MAX_SHOWN_VALUE).join('');
}

export function problemAt(row: ImportRow, field: ImportField, code: string, message: string): RowProblem {
  const value = shownValue(field, row.cells[field]);
  return { row: row.row, column: columnOf(field).header, code, message, ...(value ? { value } : {}) };
}

const reverse = <K extends string>(labels: Record<K, string>) =>
  new Map<string, K>(Object.entries(labels).map(([code, label]) => [label as string, code as K]));
const GENDERS = reverse(genderZh);
const EDUCATION = reverse(educationZh);
const IDENTITIES = reverse(identityZh);
const LEVELS = new Map<string, number | null>(
  ([1, 2, 3, 4, 5, null] as const).map((level) => [qualificationZh(level), level]),
);

/** A word chosen from a list as its code; anything else is passed on as typed, for validation to refuse. */
const coded = <K>(words: Map<string, K>, value: string): K | string => words.get(value) ?? value;

function qualification(value: string | undefined): unknown {
  if (!value) return undefined;
  if (LEVELS.has(value)) return LEVELS.get(value);
  return /^[1-5]$/.test(value) ? Number(value) : value;
}

function wholeNumber(value: string | undefined): unknown {
  if (!value) return undefined;
  return /^\d{1,3}$/.test(value) ? Number(value) : value;
}

function yesNo(value: string | undefined): unknown {
  if (!value) return undefined;
  return value === YES ? true : value === NO ? false : value;
}

/** Only the fields that were filled in: an empty cell is a missing field (请填写…), not an empty string. */
const filled = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));

function contestantOf(row: ImportRow): Record<string, unknown> {
  const c = row.cells;
  const enrolled = yesNo(c.enrolled);
  return filled({
    name: c.name,
    gender: c.gender && coded(GENDERS, c.gender),
    idNumber: c.idNumber?.toUpperCase(),
    birthDate: c.birthDate,
    education: c.education && coded(EDUCATION, c.education),
    major: c.major,
    phone: c.phone,
    address: c.address,
    postcode: c.postcode,
    identity: c.identity && coded(IDENTITIES, c.identity),
    qualificationLevel: qualification(c.qualificationLevel),
    yearsInTrade: wholeNumber(c.yearsInTrade),
    declarations: enrolled === undefined ? undefined : { fullTimeEnrolledInChongqing: enrolled },
  });
}

/** The track a cell names (by its name, or its id as the API spells it). */
const trackNamed = (edition: Edition, value: string | undefined): Track | undefined =>
  value ? edition.tracks.find((t) => t.name === value || t.id === value) : undefined;

function groupId(track: Track | undefined, value: string | undefined): string | undefined {
  if (!value) return undefined;
  return track?.groups.find((g) => g.name === value || g.id === value)?.id ?? value;
}

/** The fields a team's rows must agree on: they are the entry's, not a contestant's. */
const ENTRY_FIELDS = ['group', 'leaderName', 'leaderPhone', 'advisorName', 'advisorPhone'] as const;

function entryBody(edition: Edition, rows: ImportRow[]): DraftEntry['body'] {
  const first = rows[0]!.cells;
  const track = trackNamed(edition, first.track);
  const advisor = filled({ name: first.advisorName, phone: first.advisorPhone });
  return filled({
    trackId: track?.id ?? first.track,
    groupId: groupId(track, first.group),
    leader: filled({ name: first.leaderName, phone: first.leaderPhone }),
    advisor: Object.keys(advisor).length > 0 ? advisor : undefined,
    contestants: rows.map(contestantOf),
  });
}

/**
 * Groups the rows into entries: the rows of a team track with the same 队号 are one team; any other row is an
 * entry of its own. Problems found in the rows themselves (a number that lost digits, a team that disagrees on
 * its group or people) come with them; such an entry is not checked further.
 */
export function draftEntries(
  edition: Edition,
  rows: readonly ImportRow[],
): { entries: DraftEntry[]; problems: RowProblem[] } {
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const track = trackNamed(edition, row.cells.track);
    const team = track?.mode === 'team' && row.cells.teamNo ? row.cells.teamNo : undefined;
    const key = team ? `${track!.id}#${team}` : `${track?.id ?? row.cells.track ?? ''}@${row.row}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const problems: RowProblem[] = [];
  for (const teamRows of groups.values()) {
    const first = teamRows[0]!;
    for (const row of teamRows) {
      if (row.numericCells?.includes('idNumber')) {
        problems.push(
          problemAt(
            row,
            'idNumber',
            'ID_NUMBER_STORED_AS_NUMBER',
            '身份证号码被存成了数字，后几位可能已经丢失：请把本列设为文本格式，再重新输入完整的18位号码',
          ),
        );
      }
      for (const field of ENTRY_FIELDS) {
        if (row !== first && (row.cells[field] ?? '') !== (first.cells[field] ?? '')) {
          problems.push(
            problemAt(
              row,
              field,
              'TEAM_MISMATCH',
              `同一队的${columnOf(field).header}应相同，与第${first.row}行不一致`,
            ),
          );
        }
      }
    }
  }
  const entries = [...groups].map(([key, teamRows]): DraftEntry => {
    const body = entryBody(edition, teamRows);
    const track = findTrack(edition, String(body.trackId ?? ''));
    return {
      key,
      ...(track ? { trackId: track.id } : {}),
      ...(track?.groups.some((g) => g.id === body.groupId) ? { groupId: body.groupId as string } : {}),
      rows: teamRows.map((r) => r.row),
      body,
    };
  });
  return { entries, problems };
}

const ENTRY_PATHS: Record<string, ImportField> = {
  '/trackId': 'track',
  '/groupId': 'group',
  '/leader': 'leaderName',
  '/leader/name': 'leaderName',
  '/leader/phone': 'leaderPhone',
  '/advisor': 'advisorName',
  '/advisor/name': 'advisorName',
  '/advisor/phone': 'advisorPhone',
  '/contestants': 'teamNo',
};

const CONTESTANT_FIELDS: Record<string, ImportField> = {
  name: 'name',
  gender: 'gender',
  idNumber: 'idNumber',
  birthDate: 'birthDate',
  education: 'education',
  major: 'major',
  phone: 'phone',
  address: 'address',
  postcode: 'postcode',
  identity: 'identity',
  qualificationLevel: 'qualificationLevel',
  yearsInTrade: 'yearsInTrade',
  fullTimeEnrolledInChongqing: 'enrolled',
  declarations: 'enrolled',
};

/** The rows and the column a JSON pointer into an entry's body concerns. */
export function placeOf(
  entry: DraftEntry,
  path: string,
): { rows: number[]; field: ImportField; contestant?: number } {
  const contestant = /^\/contestants\/(\d+)(?:\/(?:declarations\/)?([^/]+))?/.exec(path);
  if (contestant) {
    const index = Number(contestant[1]);
    const row = entry.rows[index];
    return {
      rows: row === undefined ? entry.rows : [row],
      field: CONTESTANT_FIELDS[contestant[2] ?? ''] ?? 'name',
      contestant: index,
    };
  }
  return { rows: entry.rows, field: ENTRY_PATHS[path] ?? 'name' };
}

/** The API's field errors on an entry, placed on its rows and columns, in the words a unit reads. */
export function fieldProblems(
  entry: DraftEntry,
  rowsByNumber: ReadonlyMap<number, ImportRow>,
  errors: readonly FieldError[],
): RowProblem[] {
  return errors.flatMap((error) => {
    const { rows, field } = placeOf(entry, error.path);
    return rows.map((n) =>
      problemAt(
        rowsByNumber.get(n)!,
        field,
        error.code,
        fieldErrorZh(error, rowsByNumber.get(n)?.cells[field]),
      ),
    );
  });
}
