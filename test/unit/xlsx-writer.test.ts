/**
 * The xlsx writer on its own: sheets described as data, written to memory and read back with exceljs. The head
 * of a sheet (up to its last merged row) goes through exceljs's rows, the body through row-xml.ts; both must
 * come back with the same values, types and looks.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rowXml, xmlText } from '#shared/adapters/xlsx/row-xml.ts';
import { writeXlsx } from '#shared/adapters/xlsx/xlsx-writer.ts';
import type { Sheet, SheetRow, SheetSpec } from '#shared/domain/sheet.ts';

async function* stream<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

async function written(sheets: Sheet[]): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise((resolve) => out.on('finish', resolve));
  await writeXlsx(out, stream(sheets));
  await finished;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  return workbook;
}

const form: SheetSpec = {
  name: '1 重庆机械技师学院',
  columns: [{ width: 6 }, { width: 12 }, { width: 22, text: true }],
  merges: ['A1:C1', 'A2:A3'],
  frozenRows: 3,
  autoFilter: 'A3:C3',
  print: { orientation: 'landscape', titleRows: '2:3' },
};

const head: SheetRow[] = [
  { cells: ['参赛信息汇总表'], style: 'title' },
  { cells: ['序号', '姓名', '身份证号'], style: 'header' },
  { cells: [null, '联系电话'], style: 'header' },
];

describe('writeXlsx', () => {
  it('gives head and body rows the same looks: fonts, borders, text format and heights', async () => {
    const body: SheetRow[] = [
      { cells: [1, '张伟', '50010619900101123X'], style: 'data' },
      { cells: [2, null, '500106199001011234'], style: 'data' },
    ];
    const sheet = (await written([{ spec: form, rows: stream([...head, ...body]) }])).worksheets[0]!;

    const headerCell = sheet.getCell('C2');
    expect(headerCell.font).toMatchObject({ name: 'SimSun', size: 11, bold: true });
    expect(headerCell.border?.left).toEqual({ style: 'thin' });
    // The blank under a merged header still has its border.
    expect(sheet.getCell('C3').border?.bottom).toEqual({ style: 'thin' });
    expect(sheet.getRow(2).height).toBe(20);

    const idCell = sheet.getCell('C4');
    expect(idCell.value).toBe('50010619900101123X');
    expect(idCell.type).toBe(ExcelJS.ValueType.String);
    expect(idCell.numFmt).toBe('@');
    expect(idCell.font).toMatchObject({ name: 'SimSun', size: 11 });
    expect(idCell.font?.bold).toBeFalsy();
    expect(idCell.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(idCell.border).toEqual({
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    });
    expect(sheet.getCell('A4').value).toBe(1);
    expect(sheet.getCell('A4').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('A4').numFmt).toBeUndefined();
    expect(sheet.getRow(4).height).toBe(20);
    // A missing value in a bordered row is a blank with the border, not a gap in the form.
    expect(sheet.getCell('B5').value).toBeNull();
    expect(sheet.getCell('B5').border?.top).toEqual({ style: 'thin' });
    expect(sheet.getCell('C5').value).toBe('500106199001011234');
  });

  it('keeps the sheet-level setup: merges, frozen rows, filter, columns and A4 print setup', async () => {
    const book = await written([
      { spec: form, rows: stream([...head, { cells: [1, '张伟', 'x'], style: 'data' }]) },
    ]);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('1 重庆机械技师学院');
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:C1', 'A2:A3']));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBe('A3:C3');
    expect(sheet.columns.map((c) => c.width)).toEqual([6, 12, 22]);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:3',
    });
  });

  it('writes markup and characters XML cannot hold as plain text, never as broken XML', async () => {
    // (exceljs's reader decodes entities in string values twice, so the text avoids a literal `&amp;`.)
    const tricky = `A&B <公司> "引号" 'x' ]]>`;
    const spec: SheetSpec = {
      name: '总表',
      columns: [{ width: 10 }, { width: 10 }],
      print: { orientation: 'portrait' },
    };
    const rows: SheetRow[] = [
      { cells: ['单位', '备注'], style: 'header' },
      { cells: [tricky, 'a\u0000b\u0008c\td\r\ne\uFFFF'], style: 'plain' },
      { cells: ['', 0], style: 'plain' },
    ];
    const sheet = (await written([{ spec, rows: stream(rows) }])).worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe(tricky);
    // XML reads a line end as a line feed, as Excel shows it.
    expect(sheet.getCell('B2').value).toBe('abc\td\ne');
    expect(sheet.getCell('B3').value).toBe(0);
    // A plain row carries no style: no borders on a working list.
    expect(sheet.getCell('A2').border).toBeUndefined();
  });

  it('puts every value of the body in its column when blanks are left out', async () => {
    const spec: SheetSpec = {
      name: '总表',
      columns: [{ width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }],
      print: { orientation: 'portrait' },
    };
    const rows: SheetRow[] = [
      { cells: ['甲', '乙', '丙', '丁'], style: 'header' },
      { cells: [null, 'b', null, 4], style: 'plain' },
      { cells: ['a', null, null, 'd'], style: 'plain' },
      { cells: ['', 'b', '\u0000', 4], style: 'plain' },
    ];
    const sheet = (await written([{ spec, rows: stream(rows) }])).worksheets[0]!;
    expect([1, 2, 3, 4].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([null, 'b', null, 4]);
    expect([1, 2, 3, 4].map((c) => sheet.getRow(3).getCell(c).value)).toEqual(['a', null, null, 'd']);
    // exceljs reads an empty string as a blank (Excel keeps it as empty text); what follows stays in place.
    expect([1, 2, 3, 4].map((c) => sheet.getRow(4).getCell(c).value)).toEqual([null, 'b', null, 4]);
  });

  it('writes every row of long sheets once and in order, across many sheets', async () => {
    const spec = (n: number): SheetSpec => ({
      name: `表${n}`,
      columns: [{ width: 8 }, { width: 30, text: true }],
      print: { orientation: 'portrait' },
    });
    const rows = (n: number) =>
      stream<SheetRow>([
        { cells: ['序号', '身份证号'], style: 'header' },
        ...Array.from({ length: 3_000 }, (_, i) => ({
          cells: [i + 1, `${n}-${String(i).padStart(17, '0')}`],
          style: 'data' as const,
        })),
      ]);
    const sheets = Array.from({ length: 4 }, (_, n) => ({ spec: spec(n), rows: rows(n) }));
    const book = await written(sheets);
    expect(book.worksheets.map((s) => s.name)).toEqual(['表0', '表1', '表2', '表3']);
    for (const [n, sheet] of book.worksheets.entries()) {
      expect(sheet.rowCount).toBe(3_001);
      const seen: unknown[] = [];
      sheet.eachRow((row, number) => {
        if (number > 1) seen.push(row.getCell(2).value);
      });
      expect(seen).toEqual(Array.from({ length: 3_000 }, (_, i) => `${n}-${String(i).padStart(17, '0')}`));
    }
  });

  it('writes a sheet with no rows at all', async () => {
    const spec: SheetSpec = {
      name: '待补充事项',
      columns: [{ width: 8 }],
      print: { orientation: 'portrait' },
    };
    const book = await written([{ spec, rows: stream([]) }]);
    expect(book.worksheets[0]!.name).toBe('待补充事项');
    expect(book.worksheets[0]!.rowCount).toBe(0);
  });
});

describe('rowXml', () => {
  it('names the first cell, styles each, and writes strings and numbers as exceljs does', () => {
    const format = { styleIds: [3, 4, 4], width: 0, height: 20 };
    expect(rowXml(7, ['a<b', 12, null], format)).toBe(
      '<row r="7" ht="20" customHeight="1"><c r="A7" s="3" t="str"><v>a&lt;b</v></c>' +
        '<c s="4"><v>12</v></c><c s="4"/></row>',
    );
  });

  it('names a cell again after a left-out blank, so that it keeps its column', () => {
    expect(rowXml(3, ['a', null, 'c', 4], { styleIds: [], width: 0 })).toBe(
      '<row r="3"><c r="A3" t="str"><v>a</v></c><c r="C3" t="str"><v>c</v></c><c><v>4</v></c></row>',
    );
  });

  it('leaves out unstyled blanks and fills styled ones up to the row width', () => {
    expect(rowXml(2, [null, 'x'], { styleIds: [], width: 0 })).toBe(
      '<row r="2"><c r="B2" t="str"><v>x</v></c></row>',
    );
    expect(rowXml(2, ['x'], { styleIds: [1, 2], width: 2 })).toBe(
      '<row r="2"><c r="A2" s="1" t="str"><v>x</v></c><c s="2"/></row>',
    );
  });

  it('writes a number that is not finite as a blank', () => {
    expect(rowXml(1, [Number.NaN, Number.POSITIVE_INFINITY], { styleIds: [], width: 0 })).toBe(
      '<row r="1"></row>',
    );
  });

  it('names columns past Z', () => {
    const cells = Array.from({ length: 28 }, (_, i) => (i === 27 ? 'last' : null));
    expect(rowXml(1, cells, { styleIds: [], width: 0 })).toBe(
      '<row r="1"><c r="AB1" t="str"><v>last</v></c></row>',
    );
  });
});

describe('xmlText', () => {
  it('escapes markup and drops what XML 1.0 cannot hold, keeping tabs, line ends and C1 controls', () => {
    expect(xmlText(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('a\u0000\u0001\u001Fb\t\n\rc\uD800d\uFFFEe')).toBe('ab\t\n\rcde');
    expect(xmlText('重庆 ✓ 😀')).toBe('重庆 ✓ 😀');
    // DEL goes, as exceljs drops it; C1 controls are legal XML and stay.
    expect(xmlText('a\u007Fb\u0085c')).toBe('ab\u0085c');
  });
});
