/**
 * The import's workbooks with exceljs: the template (columns in 附件4's words, drop-down lists, text-formatted
 * number columns, a frozen header, the instructions), the uploaded file read whole (import files are small and
 * size-limited; the streaming reader would lose merged cells), and errors.xlsx through the summaries' writer.
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Edition } from '#shared/domain/edition.ts';
import { IMPORT_COLUMNS, IMPORT_ROW_LIMIT } from '#shared/domain/import-columns.ts';
import type { RowProblem } from '#shared/domain/import-rows.ts';
import {
  type ImportRefusal,
  importInstructions,
  PROBLEMS_SHEET,
  problemRows,
  type SheetCell,
} from '#shared/domain/import-sheet.ts';
import { columnLetter } from '#shared/domain/sheet.ts';
import type { ImportWorkbooks } from '#shared/ports/import-files.ts';
import { writeXlsx } from './xlsx-writer.ts';

/** `.xls` and WPS `.et` files are OLE2 compound documents; an xlsx is a zip. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

const IMPORT_SHEET = '报名表';
const INSTRUCTIONS_SHEET = '填写说明';

const startsWith = (file: Uint8Array, magic: Buffer) =>
  file.length >= magic.length && Buffer.from(file.subarray(0, magic.length)).equals(magic);

/** A date cell as the day it shows (exceljs gives the wall-clock day as a UTC instant). */
const dayOf = (date: Date) => (Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10));

/**
 * What a cell shows, whatever it holds: rich text as its text, a formula as its cached result, a hyperlink as
 * its text, a date as its day. Numbers are flagged: in a text column they may have lost digits.
 */
function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: String(value), number: true };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dayOf(value) };
  if ('richText' in value)
    return {
      text: value.richText
        .map((r) => r.text)
        .join('')
        .trim(),
    };
  if ('formula' in value || 'sharedFormula' in value) {
    return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellOf((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  // An error value (#N/A, #REF!) shows nothing usable.
  return { text: '' };
}

async function readCells(
  file: Uint8Array,
): Promise<{ ok: true; cells: SheetCell[][] } | { ok: false; refusal: ImportRefusal }> {
  if (startsWith(file, OLE2_MAGIC)) return { ok: false, refusal: { code: 'LEGACY_EXCEL_FILE' } };
  if (!startsWith(file, ZIP_MAGIC)) return { ok: false, refusal: { code: 'NOT_A_WORKBOOK' } };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(file) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, refusal: { code: 'NOT_A_WORKBOOK' } };
  }
  const sheet = book.getWorksheet(IMPORT_SHEET) ?? book.worksheets.find((s) => s.state === 'visible');
  if (!sheet) return { ok: false, refusal: { code: 'NOT_A_WORKBOOK' } };
  const cells: SheetCell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      values[column - 1] = cellOf(cell.value);
    });
    cells[rowNumber - 1] = Array.from(values, (c) => c ?? { text: '' });
  });
  return { ok: true, cells: Array.from(cells, (r) => r ?? []) };
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: 'SimSun', size: 11, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
};

/** A sheet's validations by range (one rule for a whole column): exceljs has it, its typings do not. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;

/** Excel keeps a list typed into a validation to 255 characters. */
const MAX_LIST_CHARS = 255;

async function writeTemplate(edition: Edition): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width,
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.height = 30;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.style = HEADER_STYLE;
    if (c.hint) cell.note = c.hint;
  });
  const lastRow = IMPORT_ROW_LIMIT + 1;
  IMPORT_COLUMNS.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    if (c.text) {
      // The column's format reaches cells Excel creates; cells a paste creates take the format of the cell.
      for (let r = 2; r <= lastRow; r++) sheet.getCell(`${letter}${r}`).numFmt = '@';
    }
    if (!c.list) return;
    const list = `"${c.list(edition).join(',')}"`;
    if (list.length > MAX_LIST_CHARS) throw new Error(`the list of ${c.header} is too long for Excel`);
    validations(sheet).add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从下拉列表中选择${c.header}`,
    });
  });
  const instructions = book.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.getColumn(1).width = 120;
  for (const line of importInstructions(edition)) {
    instructions.addRow([line]).alignment = { wrapText: true, vertical: 'top' };
  }
  instructions.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function writeProblems(problems: readonly RowProblem[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const written = once(out, 'finish');
  async function* rows() {
    yield* problemRows(problems);
  }
  async function* sheets() {
    yield { spec: PROBLEMS_SHEET, rows: rows() };
  }
  await writeXlsx(out, sheets());
  await written;
  return Buffer.concat(chunks);
}

export const excelImportWorkbooks: ImportWorkbooks = {
  read: readCells,
  template: writeTemplate,
  problems: writeProblems,
};
