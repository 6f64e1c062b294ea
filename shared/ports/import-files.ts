/** Reading and writing the import's workbooks (shared/adapters/xlsx/import-workbooks.ts implements it). */
import type { Edition } from '#shared/domain/edition.ts';
import type { RowProblem } from '#shared/domain/import-rows.ts';
import type { ImportRefusal, SheetCell } from '#shared/domain/import-sheet.ts';

export interface ImportWorkbooks {
  /** The cells of the file's first sheet, row by row, or why the file is no workbook the import can read. */
  read(file: Uint8Array): Promise<{ ok: true; cells: SheetCell[][] } | { ok: false; refusal: ImportRefusal }>;
  /** The template to fill in: the columns with their lists and formats, and the instructions. */
  template(edition: Edition): Promise<Buffer>;
  /** The problems of a check as a workbook (errors.xlsx). */
  problems(problems: readonly RowProblem[]): Promise<Buffer>;
}
