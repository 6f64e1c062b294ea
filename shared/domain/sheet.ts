/**
 * A spreadsheet described as data: the domain decides what every sheet holds and how it is laid out; an adapter
 * (shared/adapters/xlsx) turns the description into a file. Rows arrive as an async stream, so a sheet of any
 * length is written without being held in memory.
 */

export type CellValue = string | number | null;

/** The media type of an xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How a row looks; the adapter maps each to fonts, borders and alignment. */
export type RowStyle = 'title' | 'caption' | 'header' | 'data' | 'plain';

export interface SheetRow {
  cells: CellValue[];
  style: RowStyle;
}

export interface SheetColumn {
  /** In Excel's character units. */
  width: number;
  /** Formatted as text ('@'), so an edited ID number or phone stays text too. */
  text?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  /** Rows kept in view while scrolling. */
  frozenRows?: number;
  /** The header range that gets filter buttons, e.g. `A1:Y1`. */
  autoFilter?: string;
  merges?: string[];
  print: {
    orientation: 'portrait' | 'landscape';
    /** Rows repeated at the top of every printed page, e.g. `4:5`. */
    titleRows?: string;
  };
}

export interface Sheet {
  spec: SheetSpec;
  rows: AsyncIterable<SheetRow>;
}

/** A string a spreadsheet could read as a formula (or a DDE call) is prefixed with an apostrophe (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Excel limits a sheet name to 31 UTF-16 units and forbids some characters. An apostrophe is allowed inside but
 * breaks the sheet references written around it (print titles: `'name'!$4:$5`, where exceljs does not double
 * it), so it becomes a typographic one.
 */
export function sheetName(value: string): string {
  const cleaned = value
    .replace(/[[\]:*?/\\]/g, ' ')
    .replaceAll("'", '’')
    .trim();
  let name = '';
  for (const character of cleaned) {
    if (name.length + character.length > 31) break;
    name += character;
  }
  return name || 'Sheet';
}

/** `A`, `B`, … `Z`, `AA`: the letters of a 1-based column number. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
