// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import { ApiError } from '../src/api.ts';
import { ImportPage } from '../src/pages/import.tsx';
import type { ImportView } from '../src/types.ts';
import { fakeApi, renderSignedIn, setNow } from './support.tsx';

function checked(overrides: Partial<ImportView> = {}): ImportView {
  return {
    importId: 'imp_1',
    competitionId: 'bayu-2023',
    unitId: 'unit_1',
    state: 'checked',
    createdAt: '2023-09-01T01:00:00.000Z',
    expiresAt: '2023-09-02T01:00:00.000Z',
    rowLimit: 1000,
    totals: {
      rows: 3,
      okRows: 2,
      problemRows: 1,
      problems: 1,
      entries: 2,
      readyEntries: 1,
      createdEntries: 0,
      failedEntries: 0,
    },
    rows: [
      { row: 2, ok: true, problems: [], notes: [] },
      { row: 3, ok: true, problems: [], notes: [] },
      {
        row: 4,
        ok: false,
        problems: [
          {
            column: '手机号码',
            code: 'INVALID_PHONE',
            message: '手机号码应为11位手机号码',
            value: '******4',
          },
        ],
        notes: [],
      },
    ],
    entries: [
      { key: 'ai-trainer#1', trackId: 'ai-trainer', groupId: 'student', rows: [2, 3], status: 'ready' },
      { key: 'machine-vision@4', trackId: 'machine-vision', groupId: 'open', rows: [4], status: 'invalid' },
    ],
    places: [{ trackId: 'ai-trainer', groupId: 'student', places: 2, taken: 0 }],
    ...overrides,
  };
}

const committed = (): ImportView => {
  const view = checked();
  return {
    ...view,
    state: 'committed',
    totals: { ...view.totals, readyEntries: 0, createdEntries: 1 },
    entries: [{ ...view.entries[0]!, status: 'created', registrationId: 'reg_9' }, view.entries[1]!],
  };
};

const xlsx = () => new File([new Uint8Array([0x50, 0x4b, 3, 4])], '报名表.xlsx', { type: XLSX_TYPE });

beforeEach(() => {
  setNow('2023-09-01T09:00:00+08:00');
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('批量导入', () => {
  it('downloads the template, checks a file, shows each problem by row and column, commits, links the entries', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      importTemplate: async () => ({
        fileName: '批量报名模板.xlsx',
        blob: new Blob(['template'], { type: XLSX_TYPE }),
      }),
      checkImport: async () => checked(),
      importProblems: async () => ({
        fileName: '问题清单.xlsx',
        blob: new Blob(['problems'], { type: XLSX_TYPE }),
      }),
      commitImport: async () => committed(),
    });
    renderSignedIn(<ImportPage />, api);

    await user.click(screen.getByRole('button', { name: '下载报名模板' }));
    expect(api.calls.map((c) => c.method)).toEqual(['importTemplate']);

    await user.upload(screen.getByLabelText(/报名表文件/), xlsx());
    await user.click(screen.getByRole('button', { name: '上传并检查' }));
    const rows = await screen.findByRole('table', { name: '逐行检查结果' });
    expect(screen.getByText(/共3行/).textContent).toContain('可以提交1条报名');
    const fourth = within(rows).getByRole('row', { name: /第4行/ });
    expect(fourth.textContent).toContain('手机号码：手机号码应为11位手机号码（填写的是：******4）');
    expect(within(rows).getByRole('row', { name: /第2行/ }).textContent).toContain('无误');
    expect(document.activeElement?.textContent).toBe('第三步：检查结果');

    await user.click(screen.getByRole('button', { name: '下载问题清单' }));
    expect(api.calls.at(-1)).toEqual({ method: 'importProblems', args: ['imp_1'] });

    await user.click(screen.getByRole('button', { name: '提交1条无误的报名' }));
    const results = await screen.findByRole('table', { name: '每条报名的提交结果' });
    expect(within(results).getByRole('link', { name: '已提交，查看报名' }).getAttribute('href')).toBe(
      '#/entries/reg_9',
    );
    expect(screen.getByText(/已提交1条报名/)).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'checkImport')?.args[0]).toBe('bayu-2023');
  });

  it('says in Chinese why a file was refused, and lets the unit choose another', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      checkImport: async () => {
        throw new ApiError(422, 'VALIDATION_FAILED', '有信息填写不正确', [
          {
            path: '',
            code: 'LEGACY_EXCEL_FILE',
            message: 'xls',
            messageZh: '这是旧版 Excel（.xls）文件：请另存为 .xlsx',
          },
        ]);
      },
    });
    renderSignedIn(<ImportPage />, api);
    await user.click(screen.getByRole('button', { name: '上传并检查' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请先选择填好的报名表文件（.xlsx）');
    await user.upload(screen.getByLabelText(/报名表文件/), xlsx());
    await user.click(screen.getByRole('button', { name: '上传并检查' }));
    expect((await screen.findByRole('alert')).textContent).toContain('另存为 .xlsx');
  });

  it('offers only the template once every track has closed', async () => {
    setNow('2023-10-01T09:00:00+08:00');
    renderSignedIn(<ImportPage />, fakeApi());
    expect(screen.getByText('所有赛项的报名均已截止，不能再导入报名。')).toBeTruthy();
    expect(screen.queryByLabelText(/报名表文件/)).toBeNull();
    expect(screen.getByRole('button', { name: '下载报名模板' })).toBeTruthy();
  });
});
