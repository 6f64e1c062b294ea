/**
 * Bulk import through the local API (issue 15's acceptance): a school's file checked, its problems listed and
 * downloaded masked, its good entries committed once however often the commit is sent, and files the import
 * cannot use refused with a reason, never a 5xx.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_ROW_LIMIT } from '#shared/domain/import-columns.ts';
import {
  aiTrainerStudentTeam,
  fileOfRows,
  HEADERS,
  importFile,
  machineVisionRow,
} from '../support/import-files.ts';
import { createUnit, machineVisionEntry, person } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORTS = '/v1/competitions/bayu-2023/imports';

const local = localRuntimeOfFile({ clockStart: OPEN });

async function send(method: string, path: string, token: string, file?: Buffer) {
  const response = await fetch(`${local.runtime.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(file ? { 'content-type': XLSX } : {}) },
    ...(file ? { body: file } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type,
    bytes,
    body: /json/.test(type) ? JSON.parse(bytes.toString('utf8')) : undefined,
  };
}

async function sheetRows(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('a school imports its entries from a spreadsheet', () => {
  it('checks the file, lists exactly its three problems, commits the four good entries once', async () => {
    const school = await createUnit(local.runtime, 'school');
    const other = await createUnit(local.runtime, 'enterprise');
    // Someone another unit has already entered in machine vision.
    const entered = person();
    const first = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: other.token,
      body: machineVisionEntry(entered),
    });
    expect(first.status).toBe(201);

    const numeric = machineVisionRow();
    const file = await importFile([
      ...aiTrainerStudentTeam('1'),
      ...aiTrainerStudentTeam('2'),
      machineVisionRow(),
      machineVisionRow(),
      { ...numeric, idNumber: Number(numeric.idNumber) },
      machineVisionRow({
        name: entered.name,
        idNumber: entered.idNumber,
        gender: entered.gender === 'male' ? '男' : '女',
      }),
      machineVisionRow({ phone: '1381234' }),
    ]);

    const check = await send('POST', IMPORTS, school.token, file);
    expect(check.status).toBe(201);
    const view = check.body;
    expect(view).toMatchObject({
      state: 'checked',
      unitId: school.unitId,
      rowLimit: IMPORT_ROW_LIMIT,
      totals: { rows: 9, okRows: 6, problemRows: 3, problems: 3, entries: 7, readyEntries: 4 },
    });
    const problems = view.rows.flatMap((r: any) => r.problems.map((p: any) => ({ row: r.row, ...p })));
    expect(problems).toEqual([
      expect.objectContaining({ row: 8, column: '身份证号码', code: 'ID_NUMBER_STORED_AS_NUMBER' }),
      expect.objectContaining({ row: 9, column: '身份证号码', code: 'DUPLICATE_CONTESTANT' }),
      expect.objectContaining({ row: 10, column: '手机号码', code: 'INVALID_PHONE', value: '******4' }),
    ]);
    expect(problems[1].message).toContain('已报名');
    expect(problems[1].value).toBe(`${entered.idNumber.slice(0, 6)}********${entered.idNumber.slice(-4)}`);
    expect(view.places).toEqual(
      expect.arrayContaining([
        { trackId: 'ai-trainer', groupId: 'student', places: 2, taken: 0 },
        { trackId: 'machine-vision', groupId: 'open', places: 2, taken: 0 },
      ]),
    );
    expect(JSON.stringify(view)).not.toContain(entered.idNumber);

    // Shown again to its unit and the secretariat; to another unit it does not exist.
    const importPath = `/v1/imports/${view.importId}`;
    expect((await send('GET', importPath, school.token)).body).toEqual(view);
    expect((await send('GET', importPath, local.runtime.secretariatToken)).status).toBe(200);
    expect((await send('GET', importPath, other.token)).status).toBe(404);

    const errors = await send('GET', `${importPath}/errors.xlsx`, school.token);
    expect(errors.status).toBe(200);
    expect(errors.type).toBe(XLSX);
    const listed = await sheetRows(errors.bytes);
    expect(listed[0]).toEqual(['行号', '列', '问题', '填写内容']);
    expect(listed.slice(1).map((r) => [r[0], r[1]])).toEqual([
      [8, '身份证号码'],
      [9, '身份证号码'],
      [10, '手机号码'],
    ]);
    expect(String(listed[2]![3])).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(listed[3]![3]).toBe('******4');
    expect(errors.bytes.includes(Buffer.from(entered.idNumber))).toBe(false);

    const commit = await send('POST', `${importPath}/commit`, school.token);
    expect(commit.status).toBe(200);
    expect(commit.body.state).toBe('committed');
    const created = commit.body.entries.filter((e: any) => e.status === 'created');
    expect(created).toHaveLength(4);
    expect(created.map((e: any) => e.rows)).toEqual([[2, 3], [4, 5], [6], [7]]);

    const again = await send('POST', `${importPath}/commit`, school.token);
    expect(again.body.entries).toEqual(commit.body.entries);
    const listing = await local.call('GET', '/v1/competitions/bayu-2023/registrations?limit=100', {
      token: school.token,
    });
    expect(listing.body.items.map((r: any) => r.registrationId).sort()).toEqual(
      created.map((e: any) => e.registrationId).sort(),
    );
    expect(listing.body.items.find((r: any) => r.trackId === 'ai-trainer').advisor.name).toBe('赵老师');
  });

  it('gives entries over the places left a problem of their own, and reports a place taken before the commit', async () => {
    const school = await createUnit(local.runtime, 'school');
    const over = await send(
      'POST',
      IMPORTS,
      school.token,
      await importFile([machineVisionRow(), machineVisionRow(), machineVisionRow()]),
    );
    expect(over.body.totals).toMatchObject({ readyEntries: 2, problemRows: 1 });
    expect(over.body.rows[2].problems).toEqual([
      expect.objectContaining({ column: '组别', code: 'QUOTA_FULL' }),
    ]);

    const check = await send(
      'POST',
      IMPORTS,
      school.token,
      await importFile([machineVisionRow(), machineVisionRow()]),
    );
    expect(check.body.totals.readyEntries).toBe(2);
    const meanwhile = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: school.token,
      body: machineVisionEntry(),
    });
    expect(meanwhile.status).toBe(201);
    const commit = await send('POST', `/v1/imports/${check.body.importId}/commit`, school.token);
    expect(commit.body.entries.map((e: any) => e.status)).toEqual(['created', 'failed']);
    expect(commit.body.entries[1].problem).toMatchObject({
      code: 'QUOTA_FULL',
      message: expect.stringContaining('名额'),
    });
  });

  it('refuses an .xls file and a 10,000-row file with a reason in Chinese, and a file over 2 MB as too large', async () => {
    const school = await createUnit(local.runtime, 'school');
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(4096),
    ]);
    const old = await send('POST', IMPORTS, school.token, xls);
    expect(old.status).toBe(422);
    expect(old.body.errors[0]).toMatchObject({ code: 'LEGACY_EXCEL_FILE' });
    expect(old.body.errors[0].messageZh).toContain('另存为');

    const tooMany = await send('POST', IMPORTS, school.token, await fileOfRows(10_000));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0]).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(tooMany.body.errors[0].messageZh).toContain(`最多导入${IMPORT_ROW_LIMIT}行`);

    const large = await send('POST', IMPORTS, school.token, Buffer.alloc(2 * 1024 * 1024 + 1, 1));
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('gives the template to a unit and to the secretariat, and the import to units only', async () => {
    const school = await createUnit(local.runtime, 'school');
    for (const token of [school.token, local.runtime.secretariatToken]) {
      const template = await send('GET', '/v1/competitions/bayu-2023/import-template.xlsx', token);
      expect(template.status).toBe(200);
      expect(template.type).toBe(XLSX);
      expect((await sheetRows(template.bytes))[0]).toEqual(HEADERS);
    }
    const file = await importFile([machineVisionRow()]);
    expect((await send('POST', IMPORTS, local.runtime.secretariatToken, file)).status).toBe(403);
  });
});
