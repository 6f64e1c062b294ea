/**
 * SpreadsheetML for one `<row>` of a worksheet's sheetData (ECMA-376 Part 1, §18.3.1.73), in the form exceljs
 * itself writes it: strings as `t="str"` values (no shared-strings table), numbers as plain values, and an empty
 * cell only where it carries a style (a border).
 *
 * Unlike exceljs, a cell names its reference (`r="B7"`) only where it does not follow the cell written before
 * it: the row's first, and the first after a skipped blank. The schema makes `r` optional, and Office places a
 * cell without one in the column after the previous cell (MS-OI29500 §2.1.590; exceljs reads it so too). The
 * references, different in every row, kept deflate from matching one row against the next: with them, the
 * workbook of 100,000 registrations was 8 times the CSV floor's bytes.
 */
import { type CellValue, columnLetter } from '#shared/domain/sheet.ts';

/**
 * Characters XML 1.0 cannot hold (C0 controls other than tab and line ends, lone surrogates, U+FFFE/F), and
 * DEL, which exceljs drops too: all dropped. C1 controls are legal XML and stay, as exceljs keeps them.
 */
const NOT_XML = /[^\P{Cc}\t\n\r\u0080-\u009F]|[\p{Cs}\uFFFE\uFFFF]/gu;
const MARKUP = /[&<>"']/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
/** Either of the above: most text has neither, and one test is cheaper than two replacements. */
const SPECIAL = /[&<>"'\p{Cc}\p{Cs}\uFFFE\uFFFF]/u;

export function xmlText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(NOT_XML, '').replace(MARKUP, (c) => ENTITY[c] as string);
}

/** Column letters by 0-based index, computed once: a row names every cell it writes. */
const letters: string[] = [];
function letter(index: number): string {
  letters[index] ??= columnLetter(index + 1);
  return letters[index] as string;
}

export interface RowFormat {
  /** exceljs style id (cellXfs index) per column; 0 is the workbook's default. */
  styleIds: readonly number[];
  /** Cells written, at least: styled blanks after the last value still get their borders. */
  width: number;
  /** Points; absent for the default height. */
  height?: number;
}

export function rowXml(rowNumber: number, cells: readonly CellValue[], format: RowFormat): string {
  let xml = format.height
    ? `<row r="${rowNumber}" ht="${format.height}" customHeight="1">`
    : `<row r="${rowNumber}">`;
  const count = Math.max(cells.length, format.width);
  // The column a cell without a reference lands in: none before the first cell.
  let next = -1;
  for (let i = 0; i < count; i++) {
    const value = cells[i];
    const styleId = format.styleIds[i] ?? 0;
    const at = `${i === next ? '' : ` r="${letter(i)}${rowNumber}"`}${styleId ? ` s="${styleId}"` : ''}`;
    let held = true;
    if (typeof value === 'string') {
      const text = xmlText(value);
      xml += `<c${at} t="str"><v>${text}</v></c>`;
      // exceljs reads a cell with neither a value nor a style as a merge's placeholder and does not count it.
      held = text !== '' || styleId !== 0;
    } else if (typeof value === 'number' && Number.isFinite(value)) xml += `<c${at}><v>${value}</v></c>`;
    else if (styleId) xml += `<c${at}/>`;
    else continue;
    next = held ? i + 1 : -1;
  }
  return `${xml}</row>`;
}
