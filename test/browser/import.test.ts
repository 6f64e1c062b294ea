/**
 * Bulk import in a real browser, against the local runtime serving the web app: a school signs in, opens 批量导入,
 * downloads the template, uploads a file with one bad row, reads the check (the problem by row and column), then
 * commits and follows the link to an entry. Each page gets the axe, 360 px and screenshot checks.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserOfFile } from '../support/browser.ts';
import { aiTrainerStudentTeam, importFile, machineVisionRow } from '../support/import-files.ts';
import { createUnit } from '../support/local-api.ts';
import { localRuntimeServingWebApp } from '../support/web-runtime.ts';

const local = localRuntimeServingWebApp('2023-09-01T09:00:00+08:00');
const browser = browserOfFile();

describe('批量导入 in the units’ web app', () => {
  it('downloads the template, checks a file, shows its one problem, commits and links the entries', async () => {
    const { page } = browser;
    const unit = await createUnit(local.runtime, 'school');
    const file = join(tmpdir(), `bayu-import-${process.pid}.xlsx`);
    await writeFile(
      file,
      await importFile([...aiTrainerStudentTeam('1'), machineVisionRow({ phone: '1381234' })]),
    );

    await page.goto(`${local.runtime.baseUrl}/`);
    await page.getByLabel('访问密钥').fill(unit.token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1, name: unit.name }).waitFor();
    await page.getByRole('link', { name: '批量导入' }).click();
    await page.getByRole('heading', { level: 1, name: '批量导入' }).waitFor();
    await browser.inspect('import');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载报名模板' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('批量报名模板-bayu-2023.xlsx');

    await page.getByLabel(/报名表文件/).setInputFiles(file);
    await page.getByRole('button', { name: '上传并检查' }).click();
    const rows = page.getByRole('table', { name: '逐行检查结果' });
    await rows.waitFor();
    expect(await rows.getByRole('row', { name: /第4行/ }).textContent()).toContain('手机号码：');
    expect(await rows.getByRole('row', { name: /第2行/ }).textContent()).toContain('无误');
    await browser.inspect('import-checked');

    await page.getByRole('button', { name: '提交1条无误的报名' }).click();
    const results = page.getByRole('table', { name: '每条报名的提交结果' });
    await results.waitFor();
    await browser.inspect('import-committed');
    await results.getByRole('link', { name: '已提交，查看报名' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '人工智能训练师' }).waitFor();

    await rm(file);
    const listed = await local.call('GET', '/v1/competitions/bayu-2023/registrations', { token: unit.token });
    expect(listed.body.items).toHaveLength(1);
    expect(browser.consoleErrors).toEqual([]);
  });
});
