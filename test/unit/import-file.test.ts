/**
 * Reading an import file as units fill it in (portals.md, "Spreadsheet import"): the exceljs reader with the
 * header matching and row grouping of the domain, without the API. And the template they fill in.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { excelImportWorkbooks as workbooks } from '#shared/adapters/xlsx/import-workbooks.ts';
import { parseEdition } from '#shared/domain/edition.ts';
import { IMPORT_COLUMNS, IMPORT_ROW_LIMIT } from '#shared/domain/import-columns.ts';
import { draftEntries } from '#shared/domain/import-rows.ts';
import { type ImportRefusal, rowsOfSheet } from '#shared/domain/import-sheet.ts';
import edition2023 from '#shared/editions/bayu-2023.json' with { type: 'json' };
import {
  aiTrainerStudentTeam,
  cellsOf,
  fileOfRows,
  HEADERS,
  importFile,
  machineVisionRow,
  workbookOf,
} from '../support/import-files.ts';

const edition = parseEdition(edition2023);

async function rowsOf(file: Buffer) {
  const read = await workbooks.read(file);
  if (!read.ok) return { refusal: read.refusal };
  const sheet = rowsOfSheet(read.cells);
  return sheet.ok ? { rows: sheet.rows } : { refusal: sheet.refusal };
}

async function refusalOf(file: Buffer): Promise<ImportRefusal | undefined> {
  return (await rowsOf(file)).refusal;
}

describe('the import template', () => {
  it('opens with exceljs: the columns in 附件4’s words, drop-downs, text-formatted numbers, a frozen header', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbooks.template(edition)) as never);
    const sheet = book.getWorksheet('报名表')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const column = (header: string) => HEADERS.indexOf(header) + 1;
    const list = (header: string, row = 2) => sheet.getCell(row, column(header)).dataValidation;
    expect(list('参加赛项')).toMatchObject({
      type: 'list',
      formulae: ['"人工智能训练师,人工智能与机器视觉技术"'],
    });
    expect(list('组别', IMPORT_ROW_LIMIT + 1).formulae).toEqual(['"学生组,职工组,不分组"']);
    expect(list('性别').formulae).toEqual(['"男,女"']);
    expect(list('文化程度').formulae[0]).toContain('大专/高职');
    expect(list('参加身份').formulae).toEqual(['"学生,职工"']);
    expect(list('现职业资格等级').formulae[0]).toContain('三级/高级工');
    expect(list('现职业资格等级').formulae[0]).toContain('无');
    for (const header of ['身份证号码', '手机号码', '邮编']) {
      expect(sheet.getCell(2, column(header)).numFmt, header).toBe('@');
      expect(sheet.getCell(IMPORT_ROW_LIMIT + 1, column(header)).numFmt, header).toBe('@');
    }
    const instructions = book.getWorksheet('填写说明')!;
    const text = instructions.getColumn(1).values.join('\n');
    expect(text).toContain(`最多${IMPORT_ROW_LIMIT}行`);
    expect(text).toContain('人工智能训练师（团体赛，每队2人）：报名截止 2023-09-29 00:00（北京时间');
    expect(text).toContain('学生组：参加身份为学生；院校每单位2个名额；须填写指导教师');
  });

  it('is read back by the import as a file with a header and no rows', async () => {
    expect(await refusalOf(await workbooks.template(edition))).toEqual({ code: 'NO_ROWS' });
  });
});

describe('reading an import file', () => {
  it('groups a team’s rows by 队号 and turns the words of the lists into the API’s codes', async () => {
    const [first, second] = aiTrainerStudentTeam('1');
    const { rows } = await rowsOf(await importFile([first!, second!, machineVisionRow()]));
    const { entries, problems } = draftEntries(edition, rows!);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.key, e.rows])).toEqual([
      ['ai-trainer#1', [2, 3]],
      ['machine-vision@4', [4]],
    ]);
    expect(entries[0]!.body).toMatchObject({
      trackId: 'ai-trainer',
      groupId: 'student',
      leader: { name: '王领队', phone: '13700001234' },
      advisor: { name: '赵老师', phone: '13600005678' },
    });
    expect(entries[0]!.body.contestants).toEqual([
      expect.objectContaining({
        idNumber: first!.idNumber,
        gender: expect.stringMatching(/^(male|female)$/),
        education: 'associate',
        identity: 'student',
        qualificationLevel: null,
        declarations: { fullTimeEnrolledInChongqing: true },
      }),
      expect.objectContaining({ idNumber: second!.idNumber }),
    ]);
    expect(entries[1]!.body.contestants).toEqual([
      expect.objectContaining({ identity: 'employee', qualificationLevel: 3, education: 'bachelor' }),
    ]);
  });

  it('says where a team’s rows disagree on what belongs to the entry (its group, leader, advisor)', async () => {
    const [first, second] = aiTrainerStudentTeam('3');
    const { rows } = await rowsOf(
      await importFile([first!, { ...second!, group: '职工组', advisorName: '钱老师' }]),
    );
    const { problems } = draftEntries(edition, rows!);
    expect(problems.map((p) => [p.row, p.column, p.code, p.message])).toEqual([
      [3, '组别', 'TEAM_MISMATCH', '同一队的组别应相同，与第2行不一致'],
      [3, '指导教师姓名', 'TEAM_MISMATCH', '同一队的指导教师姓名应相同，与第2行不一致'],
    ]);
  });

  it('refuses an ID number stored as a number, never "fixing" it', async () => {
    const row = machineVisionRow();
    const { rows } = await rowsOf(await importFile([{ ...row, idNumber: Number(row.idNumber) }]));
    expect(rows![0]!.numericCells).toEqual(['idNumber']);
    const { problems } = draftEntries(edition, rows!);
    expect(problems).toEqual([
      expect.objectContaining({ row: 2, column: '身份证号码', code: 'ID_NUMBER_STORED_AS_NUMBER' }),
    ]);
    expect(problems[0]!.message).toContain('文本格式');
    expect(problems[0]!.value).toMatch(/^500107\*{8}\d{3}[\dX]$/);
  });

  it('asks for .xlsx when given an .xls or WPS .et file, and refuses what is no workbook', async () => {
    const ole2 = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    expect(await refusalOf(ole2)).toEqual({ code: 'LEGACY_EXCEL_FILE' });
    expect(await refusalOf(Buffer.from('姓名,身份证号码\n张三,500103199001010010\n'))).toEqual({
      code: 'NOT_A_WORKBOOK',
    });
    expect(await refusalOf(Buffer.from('PK\x03\x04 not really a zip'))).toEqual({ code: 'NOT_A_WORKBOOK' });
  });

  it('reads rich text, formulas by their results, hyperlinks and dates as what the cells show', async () => {
    const row = machineVisionRow();
    const file = await importFile([
      {
        ...row,
        name: { richText: [{ text: '张', font: { bold: true } }, { text: '伟' }] },
        phone: { formula: '"138"&"12341234"', result: '13812341234' },
        address: { text: '重庆市九龙坡区', hyperlink: 'https://example.cn/' },
        birthDate: new Date(Date.UTC(2001, 4, 8)),
      },
    ]);
    const { rows } = await rowsOf(file);
    expect(rows![0]!.cells).toMatchObject({
      name: '张伟',
      phone: '13812341234',
      address: '重庆市九龙坡区',
      birthDate: '2001-05-08',
    });
  });

  it('matches headers by their words: line breaks, spaces, full-width brackets, extra and reordered columns', async () => {
    const row = machineVisionRow();
    const reordered = [...IMPORT_COLUMNS].reverse();
    const headers = reordered.map((c) =>
      c.field === 'idNumber' ? '身份证\n号码（18位）' : c.field === 'phone' ? ' 手机 号码 ' : c.header,
    );
    const file = await workbookOf([
      ['备注', ...headers],
      ['随便写的', ...reordered.map((c) => row[c.field] ?? null)],
    ]);
    const { rows } = await rowsOf(file);
    expect(rows![0]!.cells).toMatchObject({ idNumber: row.idNumber, phone: row.phone, name: row.name });
  });

  it('names every required column a file lacks, in one problem', async () => {
    const without = IMPORT_COLUMNS.filter((c) => c.field !== 'idNumber' && c.field !== 'postcode');
    const file = await workbookOf([without.map((c) => c.header)]);
    expect(await refusalOf(file)).toEqual({ code: 'MISSING_COLUMNS', columns: ['身份证号码', '邮编'] });
  });

  it('skips empty rows and reads under a merged title and a two-row header', async () => {
    const row = aiTrainerStudentTeam('7')[0]!;
    // 指导教师 merged over its 姓名 and 手机号码, every other header merged down both rows.
    const top = HEADERS.map((h) => (h.startsWith('指导教师') ? '指导教师' : h));
    const sub = HEADERS.map((h) =>
      h === '指导教师姓名' ? '姓名' : h === '指导教师手机号码' ? '手机号码' : h,
    );
    const file = await workbookOf(
      [['2023年批量报名表'], top, sub, [], cellsOf(row), [null, null, ' ']],
      (sheet) => {
        sheet.mergeCells(1, 1, 1, HEADERS.length);
        const advisor = HEADERS.indexOf('指导教师姓名') + 1;
        sheet.mergeCells(2, advisor, 2, advisor + 1);
      },
    );
    const { rows } = await rowsOf(file);
    expect(rows).toHaveLength(1);
    expect(rows![0]!.row).toBe(5);
    expect(rows![0]!.cells).toMatchObject({
      name: row.name,
      advisorName: '赵老师',
      advisorPhone: '13600005678',
    });
  });

  it('states the row limit: a file over it is refused whole', async () => {
    expect(await refusalOf(await fileOfRows(IMPORT_ROW_LIMIT + 1))).toEqual({
      code: 'TOO_MANY_ROWS',
      rows: IMPORT_ROW_LIMIT + 1,
    });
  });
});
