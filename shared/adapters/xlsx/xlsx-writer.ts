/**
 * Writes sheets described by the domain (shared/domain/sheet.ts) as one xlsx file into a stream, with exceljs's
 * streaming WorkbookWriter: each row is serialised as it arrives, sheets one after the other, and no
 * shared-strings table (which would hold every distinct string until the end). Memory stays flat.
 *
 * exceljs writes the workbook and each sheet's frame (views, columns, merges, filter, print setup, styles) and a
 * sheet's head rows, up to its last merged one. The body's rows, the bulk of the file, are serialised by
 * row-xml.ts into the same sheet stream with the style ids exceljs gave: exceljs's general row path (a Row and a
 * Cell object per value, an XML builder per row) took over half the time of a 100,000-registration build, and
 * the rows here need none of what it is general for (formulas, rich text, hyperlinks, dates, comments).
 */
import { type EventEmitter, once } from 'node:events';
import { finished, type Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { RowStyle, Sheet, SheetSpec } from '#shared/domain/sheet.ts';
import { type RowFormat, rowXml } from './row-xml.ts';

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

/**
 * A4 (paper size 9), scaled to one page wide, with the official form's margins (inches). Scaled to the page
 * width, the form fills it, so it needs no centring (which exceljs's streaming writer would not write anyway).
 */
function pageSetup(spec: SheetSpec): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: spec.print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(spec.print.titleRows ? { printTitlesRow: spec.print.titleRows } : {}),
  };
}

/** How rows of one style look in one sheet: its style objects for exceljs, their ids for the body's rows. */
interface RowLook {
  styles: Style[];
  format: RowFormat;
}

/**
 * One style object per row style and column, shared by every cell that uses it: exceljs recognises a style it
 * has seen by identity, so sharing turns a per-cell style computation into a lookup, and the id it gives each
 * object is the one the body's rows carry.
 */
function looksOf(book: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec): Record<RowStyle, RowLook> {
  const look = (style: RowStyle): RowLook => {
    const { style: base, height } = ROW_STYLES[style];
    const styles = spec.columns.map((c) => (c.text ? { ...base, numFmt: '@' } : { ...base }));
    // Header and title rows style their blank (merged) cells too, so borders run round the whole form.
    const width = style === 'plain' || style === 'data' ? 0 : spec.columns.length;
    const styleIds = styles.map((s) => (book as unknown as StyleRegistry).styles.addStyleModel(s));
    return { styles, format: { styleIds, width, ...(height ? { height } : {}) } };
  };
  return {
    title: look('title'),
    caption: look('caption'),
    header: look('header'),
    data: look('data'),
    plain: look('plain'),
  };
}

/** exceljs 4.4 (pinned) keeps the workbook's cellXfs in `styles`; a style object it is given gets its index. */
interface StyleRegistry {
  styles: { addStyleModel(style: Style): number };
}

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

  async sheetZipped(sheetId: number, output: Output): Promise<void> {
    const name = `xl/worksheets/sheet${sheetId}.xml`;
    while (!this.done.has(name)) await output.until(once(this.zip, 'entry'));
  }
}

/**
 * The stream the workbook goes to, watched: when it fails (an upload refused) or closes early, archiver stops
 * feeding it, and a wait for a drain, a zipped sheet or the end would never return. Each wait goes through
 * `until`, which gives up with the output's own error instead.
 */
class Output {
  private readonly failure = new AbortController();
  private readonly stopWatching: () => void;

  constructor(readonly stream: Writable) {
    this.stopWatching = finished(stream, (error) => {
      if (error) this.failure.abort(error);
    });
  }

  async until<T>(work: Promise<T>): Promise<T> {
    const { signal } = this.failure;
    signal.throwIfAborted();
    let onFailure = () => {};
    const failed = new Promise<never>((_, reject) => {
      onFailure = () => reject(signal.reason);
      signal.addEventListener('abort', onFailure, { once: true });
    });
    try {
      return await Promise.race([work, failed]);
    } finally {
      signal.removeEventListener('abort', onFailure);
    }
  }

  close(): void {
    this.stopWatching();
  }
}

/** The stream archiver reads a sheet's entry from (exceljs's StreamBuf pipes into it). */
type EntryInput = EventEmitter & { _writableState?: { needDrain?: boolean } };

async function letZipCatchUp(sheetStream: unknown, output: Output): Promise<void> {
  await output.until(setImmediate());
  const entry = (sheetStream as { pipes?: EntryInput[] }).pipes?.[0];
  if (entry?._writableState?.needDrain) await output.until(once(entry, 'drain'));
  if (output.stream.writableNeedDrain) await output.until(once(output.stream, 'drain'));
}

/**
 * The rows after a sheet's head, batched into sizeable writes. Once exceljs has opened the sheet's data (with
 * the first row) and committed the merged head, the body's rows go straight into the sheet's stream.
 */
class SheetBody {
  private pending = '';

  constructor(private readonly stream: { write(xml: string): unknown }) {}

  add(xml: string): void {
    this.pending += xml;
    if (this.pending.length >= 65_536) this.flush();
  }

  flush(): void {
    if (this.pending) this.stream.write(this.pending);
    this.pending = '';
  }
}

export async function writeXlsx(out: Writable, sheets: AsyncIterable<Sheet>): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const output = new Output(out);
  try {
    await writeSheets(book, sheets, output);
  } finally {
    output.close();
  }
}

async function writeSheets(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  sheets: AsyncIterable<Sheet>,
  output: Output,
): Promise<void> {
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
    // A merge needs its rows uncommitted: the head, up to the last merged row, waits, then the merges go in.
    const merges = spec.merges ?? [];
    const headRows = Math.max(1, ...merges.map((range) => Number(/\d+$/.exec(range)?.[0] ?? 0)));
    const looks = looksOf(book, spec);
    const stream = (sheet as unknown as { stream: { write(xml: string): unknown } }).stream;
    const body = new SheetBody(stream);
    let rowNumber = 0;
    for await (const { cells, style } of rows) {
      const look = looks[style];
      if (++rowNumber > headRows) body.add(rowXml(rowNumber, cells, look.format));
      else {
        const row = sheet.addRow(cells);
        if (look.format.height) row.height = look.format.height;
        const count = Math.max(cells.length, look.format.width);
        for (let i = 0; i < count; i++) row.getCell(i + 1).style = look.styles[i] ?? {};
        if (rowNumber === headRows) {
          for (const range of merges) sheet.mergeCells(range);
          row.commit();
        }
      }
      if (++written % DRAIN_EVERY_ROWS === 0) {
        body.flush();
        await letZipCatchUp(stream, output);
      }
    }
    body.flush();
    sheet.commit();
    committed.push(sheet.id);
    const beforeLast = committed.at(-2);
    if (beforeLast !== undefined) await zip.sheetZipped(beforeLast, output);
  }
  await output.until(book.commit());
}
