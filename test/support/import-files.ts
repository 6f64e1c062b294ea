/**
 * Import files as units make them, built with exceljs: the template's headers, one row per contestant, and the
 * odd things real files hold (numbers for ID numbers, rich text, formulas, merged headers).
 */
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportField } from '#shared/domain/import-columns.ts';
import { makeIdNumber } from './id-numbers.ts';

export type RowValues = Partial<Record<ImportField, ExcelJS.CellValue>>;

export const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

/** A row's cells in the template's column order. */
export const cellsOf = (row: RowValues): ExcelJS.CellValue[] =>
  IMPORT_COLUMNS.map((c) => row[c.field] ?? null);

/** A workbook of these rows (the first one usually the header), changed further by `edit` if given. */
export async function workbookOf(
  rows: ExcelJS.CellValue[][],
  edit?: (sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('报名表');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template's header and these rows. */
export const importFile = (rows: RowValues[]) => workbookOf([HEADERS, ...rows.map(cellsOf)]);

/** A file of `count` rows, every one the same contestant (a file too long to import). */
export const fileOfRows = (count: number) => {
  const row = cellsOf(contestantRow());
  return workbookOf([HEADERS, ...Array.from({ length: count }, () => row)]);
};

let counter = 0;

/** A distinct person each call, as a school's clerk types them: the template's words, numbers as text. */
export function contestantRow(overrides: RowValues = {}): RowValues {
  counter += 1;
  const n = counter;
  const gender = n % 2 === 0 ? 'female' : 'male';
  const birthDate = `200${n % 5}-0${1 + (n % 9)}-1${n % 10}`;
  return {
    name: `李${'明华强军伟'[n % 5]}${'一二三四五六七八九十'[Math.floor(n / 5) % 10]}`,
    gender: gender === 'male' ? '男' : '女',
    idNumber: makeIdNumber({ region: '500107', birthDate, sequence: n % 100, gender }),
    education: '大专/高职',
    major: '人工智能技术应用',
    phone: `138${String(20_000_000 + n).slice(-8)}`,
    address: '重庆市九龙坡区华玉路1号',
    postcode: '400050',
    identity: '学生',
    qualificationLevel: '无',
    enrolled: '是',
    leaderName: '王领队',
    leaderPhone: '13700001234',
    ...overrides,
  };
}

/** The two rows of a student team of the AI trainer track, with its advisor. */
export const aiTrainerStudentTeam = (teamNo: string): RowValues[] =>
  [0, 1].map(() =>
    contestantRow({
      teamNo,
      track: '人工智能训练师',
      group: '学生组',
      advisorName: '赵老师',
      advisorPhone: '13600005678',
    }),
  );

/** One machine-vision contestant, an employee with a level. */
export const machineVisionRow = (overrides: RowValues = {}): RowValues =>
  contestantRow({
    track: '人工智能与机器视觉技术',
    group: '不分组',
    identity: '职工',
    qualificationLevel: '三级/高级工',
    enrolled: null,
    education: '本科',
    ...overrides,
  });
