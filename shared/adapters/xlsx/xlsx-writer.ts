/**
 * Writes sheets described by the domain (shared/domain/sheet.ts) as one xlsx file into a stream, with exceljs's
 * streaming WorkbookWriter: each row is serialised and committed as it arrives, sheets one after the other, and
 * no shared-strings table (which would hold every distinct string until the end). Memory stays flat.
 */
import { type EventEmitter, once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { RowStyle, Sheet, SheetSpec } from '#shared/domain/sheet.ts';

type Style = Partial<ExcelJS.Style>;

const FONT = 'SimSun';
const thin = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

const ROW_STYLES: Record<RowStyle, { style: Style; height?: number }> = {
  title: { style: { font: { name: FONT, size: 16, bold: true }, alignment: CENTER }, height: 28 },
  caption: { style: { font: { name: FONT, size: 12 }, alignment: { vertical: 'middle' } }, height: 22 },
  header: {
    style: { font: { name: FONT, size: 11, bold: true }, alignment: CENTER, border: BORDER },
    height: 20,
  },
  data: { style: { font: { name: FONT, size: 11 }, alignment: CENTER, border: BORDER }, height: 20 },
  plain: { style: {} },
};

/** A4 (paper size 9), one page wide, centred, with the official form's margins (inches). */
function pageSetup(spec: SheetSpec): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: spec.print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(spec.print.titleRows ? { printTitlesRow: spec.print.titleRows } : {}),
  };
}

/**
 * One style object per row style and column, shared by every cell that uses it: exceljs recognises a style it
 * has seen by identity, so sharing turns a per-cell style computation into a lookup.
 */
function stylesOf(spec: SheetSpec): Record<RowStyle, Style[]> {
  const byColumn = (base: Style): Style[] =>
    spec.columns.map((c) => (c.text ? { ...base, numFmt: '@' } : { ...base }));
  return {
    title: byColumn(ROW_STYLES.title.style),
    caption: byColumn(ROW_STYLES.caption.style),
    header: byColumn(ROW_STYLES.header.style),
    data: byColumn(ROW_STYLES.data.style),
    plain: byColumn(ROW_STYLES.plain.style),
  };
}

/**
 * A row's own style, shared by every row. exceljs gives each new row a fresh `{}` and, on commit, turns a style
 * object it has not seen before into XML to look its id up; one shared object makes that a lookup as well.
 * Rows carry no style of their own here (their cells do), so nothing ever writes to it.
 */
const ROW_OWN_STYLE: Style = Object.freeze({});

/** Rows between checks of the output's backpressure. */
const DRAIN_EVERY_ROWS = 200;

/**
 * Backpressure, which exceljs's streaming writer lacks. Each worksheet is a zip entry; exceljs queues it in the
 * zip (archiver) when the sheet is added and pushes every row into it without waiting, while archiver deflates
 * the queued entries one at a time. Sheets made faster than that (a thousand small unit sheets) would all wait
 * in memory with their data and their deflate state. So the writer lets at most two sheets wait: before a new
 * sheet it waits for archiver's `entry` event of the one before the last. Inside a sheet, every few hundred rows,
 * it lets the event loop run and waits while the entry's input, or `out` (a slow upload), is full.
 */
class ZipProgress {
  private readonly done = new Set<string>();
  private readonly zip: EventEmitter;

  constructor(book: unknown) {
    // exceljs 4.4 (pinned) keeps its archiver instance in `zip`.
    this.zip = (book as { zip: EventEmitter }).zip;
    this.zip.on('entry', (entry: { name: string }) => this.done.add(entry.name.replace(/^\//, '')));
  }

  async sheetZipped(sheetId: number): Promise<void> {
    const name = `xl/worksheets/sheet${sheetId}.xml`;
    while (!this.done.has(name)) await once(this.zip, 'entry');
  }
}

/** The stream archiver reads a sheet's entry from (exceljs's StreamBuf pipes into it). */
type EntryInput = EventEmitter & { _writableState?: { needDrain?: boolean } };

async function letZipCatchUp(sheetStream: unknown, out: Writable): Promise<void> {
  await setImmediate();
  const entry = (sheetStream as { pipes?: EntryInput[] }).pipes?.[0];
  if (entry?._writableState?.needDrain) await once(entry, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
}

export async function writeXlsx(out: Writable, sheets: AsyncIterable<Sheet>): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const zip = new ZipProgress(book);
  const committed: number[] = [];
  let written = 0;
  for await (const { spec, rows } of sheets) {
    const sheet = book.addWorksheet(spec.name, {
      views: spec.frozenRows ? [{ state: 'frozen', ySplit: spec.frozenRows }] : [],
      pageSetup: pageSetup(spec),
      ...(spec.autoFilter ? { autoFilter: spec.autoFilter } : {}),
    });
    sheet.columns = spec.columns.map((c) => ({ width: c.width }));
    // A merge needs its rows uncommitted: rows up to the last merged one wait, then the merges go in.
    const merges = spec.merges ?? [];
    const lastMergedRow = Math.max(0, ...merges.map((range) => Number(/\d+$/.exec(range)?.[0] ?? 0)));
    const styles = stylesOf(spec);
    for await (const { cells, style } of rows) {
      const row = sheet.addRow(cells);
      (row as unknown as { style: Style }).style = ROW_OWN_STYLE;
      const rowStyles = styles[style];
      const height = ROW_STYLES[style].height;
      if (height) row.height = height;
      // Header and title rows style their blank (merged) cells too, so borders run round the whole form.
      const count = style === 'plain' || style === 'data' ? cells.length : spec.columns.length;
      for (let i = 0; i < count; i++) row.getCell(i + 1).style = rowStyles[i] ?? {};
      if (row.number === lastMergedRow) for (const range of merges) sheet.mergeCells(range);
      if (row.number >= lastMergedRow) row.commit();
      if (++written % DRAIN_EVERY_ROWS === 0)
        await letZipCatchUp((sheet as { stream?: unknown }).stream, out);
    }
    sheet.commit();
    committed.push(sheet.id);
    const beforeLast = committed.at(-2);
    if (beforeLast !== undefined) await zip.sheetZipped(beforeLast);
  }
  await book.commit();
}
