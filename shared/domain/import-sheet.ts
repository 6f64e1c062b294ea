/**
 * An import file's sheet, read as the unit filled it in: the header found wherever it is (under a title, over one
 * or two rows, its words wrapped or in full-width brackets), its columns matched by their words in any order,
 * empty rows skipped, and a file the import cannot use refused with one clear reason. Also the instructions sheet
 * of the template and the sheet of problems (errors.xlsx). Pure.
 */
import type { Edition } from './edition.ts';
import { fieldOfHeader, IMPORT_COLUMNS, IMPORT_ROW_LIMIT, type ImportField } from './import-columns.ts';
import type { ImportRow, RowProblem } from './import-rows.ts';
import { identityZh, localMinute, typographicQuotes } from './labels-zh.ts';
import { type SheetRow, type SheetSpec, safeText } from './sheet.ts';

/** A cell as read: its text, and whether the file stored it as a number. */
export interface SheetCell {
  text: string;
  number?: boolean;
}

/** Why a whole file is refused; each has its Chinese message (importRefusalZh). */
export type ImportRefusal =
  | { code: 'LEGACY_EXCEL_FILE' }
  | { code: 'NOT_A_WORKBOOK' }
  | { code: 'NO_HEADER_ROW' }
  | { code: 'MISSING_COLUMNS'; columns: string[] }
  | { code: 'NO_ROWS' }
  | { code: 'TOO_MANY_ROWS'; rows: number };

export function importRefusalZh(refusal: ImportRefusal): string {
  switch (refusal.code) {
    case 'LEGACY_EXCEL_FILE':
      return '这是旧版 Excel（.xls）或 WPS（.et）文件：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再上传';
    case 'NOT_A_WORKBOOK':
      return '无法读取此文件：请上传用报名模板填写的 Excel 工作簿（.xlsx）';
    case 'NO_HEADER_ROW':
      return '找不到表头：请使用报名模板，第一行保留“姓名”“身份证号码”等列名';
    case 'MISSING_COLUMNS':
      return `缺少必需的列：${refusal.columns.join('、')}。请使用报名模板，不要删除或改动列名`;
    case 'NO_ROWS':
      return '文件中没有选手：请在表头下方逐行填写';
    case 'TOO_MANY_ROWS':
      return `文件有${refusal.rows}行选手，一次最多导入${IMPORT_ROW_LIMIT}行：请分成几个文件分别导入`;
  }
}

/** The header is looked for in the first rows (a title or two may stand above it). */
const HEADER_SEARCH_ROWS = 10;
/** A row names the columns when at least this many of its cells are headers of the template. */
const HEADER_MIN_FIELDS = 3;

const knownCount = (row: readonly SheetCell[]) => row.filter((c) => fieldOfHeader(c.text)).length;

/**
 * Each column's field. A header over two rows (指导教师 merged over 姓名 and 手机号码) reads as the two words
 * together first, so the advisor's 姓名 is not taken for the contestant's; a cell merged down both rows (which
 * reads the same in each) as itself.
 */
function columnFields(header: readonly SheetCell[], below: readonly SheetCell[] | undefined) {
  const fields = new Map<number, ImportField>();
  const taken = new Set<ImportField>();
  const width = Math.max(header.length, below?.length ?? 0);
  for (let i = 0; i < width; i++) {
    const top = header[i]?.text ?? '';
    const sub = below?.[i]?.text ?? '';
    const field =
      (sub && sub !== top ? fieldOfHeader(`${top}${sub}`) : undefined) ??
      (sub ? fieldOfHeader(sub) : undefined) ??
      fieldOfHeader(top);
    // The first column naming a field wins; a repeated header is an extra column, ignored like any other.
    if (field && !taken.has(field)) {
      fields.set(i, field);
      taken.add(field);
    }
  }
  return fields;
}

/**
 * The rows of a sheet (index 0 is Excel's row 1) as import rows, or the reason the file cannot be used: no header,
 * a required column missing, no rows, or more rows than one import takes.
 */
export function rowsOfSheet(
  cells: readonly (readonly SheetCell[])[],
): { ok: true; rows: ImportRow[] } | { ok: false; refusal: ImportRefusal } {
  const headerIndex = cells
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => knownCount(row) >= HEADER_MIN_FIELDS);
  if (headerIndex < 0) return { ok: false, refusal: { code: 'NO_HEADER_ROW' } };
  const next = cells[headerIndex + 1];
  const twoRowHeader = next !== undefined && knownCount(next) >= HEADER_MIN_FIELDS;
  const fields = columnFields(cells[headerIndex]!, twoRowHeader ? next : undefined);
  const present = new Set(fields.values());
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !present.has(c.field)).map((c) => c.header);
  if (missing.length > 0) return { ok: false, refusal: { code: 'MISSING_COLUMNS', columns: missing } };

  const rows: ImportRow[] = [];
  const first = headerIndex + (twoRowHeader ? 2 : 1);
  for (let index = first; index < cells.length; index++) {
    const row = cells[index]!;
    const filled: ImportRow['cells'] = {};
    const numericCells: ImportField[] = [];
    for (const [column, field] of fields) {
      const cell = row[column];
      if (!cell?.text) continue;
      filled[field] = cell.text;
      if (cell.number) numericCells.push(field);
    }
    if (Object.keys(filled).length === 0) continue;
    rows.push({ row: index + 1, cells: filled, ...(numericCells.length ? { numericCells } : {}) });
  }
  if (rows.length === 0) return { ok: false, refusal: { code: 'NO_ROWS' } };
  if (rows.length > IMPORT_ROW_LIMIT)
    return { ok: false, refusal: { code: 'TOO_MANY_ROWS', rows: rows.length } };
  return { ok: true, rows };
}

/** The template's instructions sheet: how to fill it in, and the edition's rules in brief (Beijing time). */
export function importInstructions(edition: Edition): string[] {
  const lines = [
    `${typographicQuotes(edition.name)} 批量报名模板 填写说明`,
    '',
    '一、填写方法',
    '1. 在“报名表”工作表中每行填写一名选手；不要改动第一行的列名，列的顺序可以调整，多余的列会被忽略。',
    '2. 团体赛项的一支队伍占两行，两行填写相同的“队号”（如 1、2），领队、组别和指导教师两行填写相同。',
    '3. 参加赛项、组别、性别、文化程度、参加身份、现职业资格等级请从下拉列表中选择。',
    '4. 身份证号码、手机号码和邮编列已设为文本格式：请直接输入或粘贴为文本，不要改为数字格式（数字会丢失身份证号码的后几位）。',
    `5. 一个文件最多${IMPORT_ROW_LIMIT}行选手，文件不超过2MB；请保存为 Excel 工作簿（.xlsx）后上传。`,
    '6. 上传后系统先逐行检查并列出问题（行号、列名和原因），确认无误后再提交；有问题的行不会提交，改正后可重新上传。',
    '',
    '二、赛项规则（摘要）',
  ];
  for (const track of edition.tracks) {
    const mode = track.mode === 'team' ? `团体赛，每队${track.teamSize}人` : '个人赛';
    lines.push(
      `${track.name}（${mode}）：报名截止 ${localMinute(track.closesAt, edition.timeZone)}（北京时间，截止时刻起不再接受报名）`,
    );
    for (const group of track.groups) {
      const places = [
        group.quota.school ? `院校每单位${group.quota.school}个名额` : '',
        group.quota.enterprise ? `企业每单位${group.quota.enterprise}个名额` : '',
      ]
        .filter(Boolean)
        .join('，');
      const advisor = {
        required: '须填写指导教师',
        'optional-for-students': '选手均为学生时可填写指导教师',
        none: '不设指导教师',
      }[group.advisor];
      const identities = group.identities.map((i) => identityZh[i]).join('或');
      lines.push(`  · ${group.name}：参加身份为${identities}；${places || '无名额'}；${advisor}`);
    }
  }
  return lines.map(safeText);
}

/** errors.xlsx: one row per problem, the values masked as the API shows them. */
export const PROBLEMS_SHEET: SheetSpec = {
  name: '问题清单',
  columns: [{ width: 8 }, { width: 16 }, { width: 60 }, { width: 24, text: true }],
  frozenRows: 1,
  autoFilter: 'A1:D1',
  print: { orientation: 'landscape', titleRows: '1:1' },
};

export function problemRows(problems: readonly RowProblem[]): SheetRow[] {
  return [
    { style: 'header', cells: ['行号', '列', '问题', '填写内容'] },
    ...problems.map(
      (p): SheetRow => ({
        style: 'plain',
        cells: [p.row, p.column, safeText(p.message), safeText(p.value)],
      }),
    ),
  ];
}
