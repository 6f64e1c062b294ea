/**
 * Issue 12's acceptance in a real browser, against the local runtime (which serves the web app built into a
 * temporary folder): one school's journey through the units' app, in order.
 *  1. It signs in, fills an AI-trainer student team whose 选手1 has a wrong ID number check digit, sees the
 *     Chinese message at that field, fixes it, submits and sees 已提交;
 *  2. uploads both photos (checked in the browser, posted straight to the S3 stand-in), sees 报名完成 and
 *     downloads the entry's 附件4 form (a Word document, a page per student);
 *  3. amends with a stale version (the entry changed through the API meanwhile), is told of the conflict, and
 *     saves the amendment on the reloaded entry, the masked numbers left as shown;
 *  4. withdraws after the confirmation, and the home page shows the place free again;
 *  5. fills a machine-vision entry that reaches the server after the track closed: refused, the page says why,
 *     and after a reload the form is read-only with the notice.
 * Every page visited gets an axe check, screenshots at 1280 and 360 px and the 360 px scrolling check
 * (test/support/browser.ts); the page logs no console error.
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOfFile } from '../support/browser.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import { createUnit } from '../support/local-api.ts';
import { COLOURS, makePhoto } from '../support/photos.ts';
import { localRuntimeServingWebApp } from '../support/web-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const MACHINE_VISION_CLOSES = Date.parse('2023-09-23T00:00:00+08:00');

const local = localRuntimeServingWebApp(OPEN);
const browser = browserOfFile();

interface Student {
  name: string;
  idNumber: string;
  phone: string;
}

const leader = { name: '王领队', phone: '13700001234' };
const advisor = { name: '刘老师', phone: '13600005678' };
const good = makeIdNumber({ region: '500106', birthDate: '2003-05-12', sequence: 21, gender: 'male' });
const team: Student[] = [
  { name: '张明', idNumber: good, phone: '13900002001' },
  {
    name: '李华',
    idNumber: makeIdNumber({ birthDate: '2004-03-08', sequence: 7, gender: 'male' }),
    phone: '13900002002',
  },
];

/** The team as the API takes it: what the form sends for the students above. */
const teamBody = (leaderName: string) => ({
  trackId: 'ai-trainer',
  groupId: 'student',
  leader: { ...leader, name: leaderName },
  advisor,
  contestants: team.map((s) => ({
    ...s,
    gender: 'male',
    education: 'associate',
    major: '人工智能技术应用',
    address: '重庆市沙坪坝区大学城中路1号',
    postcode: '401331',
    identity: 'student',
    qualificationLevel: null,
    declarations: { fullTimeEnrolledInChongqing: true },
  })),
});

const contestantGroup = (page: Page, index: number) =>
  page.getByRole('group', { name: `选手${index + 1}`, exact: true });

/** Fills one contestant's fieldset as a clerk would, by the labels of 附件4. */
async function fillStudent(page: Page, index: number, s: Student) {
  const fieldset = contestantGroup(page, index);
  await fieldset.getByLabel('姓名', { exact: true }).fill(s.name);
  await fieldset.getByLabel('性别').selectOption({ label: '男' });
  await fieldset.getByLabel('身份证号码').fill(s.idNumber);
  await fieldset.getByLabel('文化程度').selectOption({ label: '大专/高职' });
  await fieldset.getByLabel('所学专业').fill('人工智能技术应用');
  await fieldset.getByLabel('手机号码', { exact: true }).fill(s.phone);
  await fieldset.getByLabel('通讯地址').fill('重庆市沙坪坝区大学城中路1号');
  await fieldset.getByLabel('邮编').fill('401331');
  await fieldset.getByLabel('参加身份').selectOption({ label: '学生' });
  await fieldset.getByLabel('现职业资格等级').selectOption({ label: '无' });
  await fieldset.getByLabel(/^本人为/).check();
}

/** The places left of a group on the home page (its row in the track's table). */
async function placesLeft(page: Page, track: string, group: string): Promise<number> {
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: track }) });
  const row = card.getByRole('row').filter({ has: page.getByRole('rowheader', { name: group }) });
  await expect.poll(() => row.getByRole('cell').last().textContent()).not.toBe('…');
  return Number(await row.getByRole('cell').last().textContent());
}

/** The entry state shown at the top of an entry page (StateFacts: 报名状态). */
const entryState = (page: Page) => page.locator('dl.summary dd').first();

let unit: { unitId: string; token: string; name: string };
let registrationId: string;

describe("a school's journey through the units' web app", () => {
  it('signs in, sees the Chinese error at 选手1 身份证号码, fixes it, submits and sees 已提交', async () => {
    const { page } = browser;
    unit = await createUnit(local.runtime, 'school');

    await page.goto(`${local.runtime.baseUrl}/`);
    await page.getByLabel('访问密钥').waitFor();
    await browser.inspect('sign-in');
    // By keyboard only: Tab to the key's field, type it, Enter.
    const focused = () => page.evaluate("document.activeElement?.labels?.[0]?.textContent ?? ''");
    for (let presses = 0; presses < 5 && (await focused()) !== '访问密钥'; presses++)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('访问密钥');
    await page.keyboard.type(unit.token);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: unit.name }).waitFor();
    expect(await placesLeft(page, '人工智能训练师', '学生组')).toBe(2);
    await browser.inspect('home');

    await page.getByRole('link', { name: '新增报名' }).click();
    await page.getByLabel('参加赛项').selectOption({ label: '人工智能训练师' });
    await page.getByLabel('组别').selectOption({ label: '学生组' });
    await page.getByLabel('领队姓名').fill(leader.name);
    await page.getByLabel('领队手机号码').fill(leader.phone);
    await page.getByLabel('指导教师姓名').fill(advisor.name);
    await page.getByLabel('指导教师手机号码').fill(advisor.phone);
    await browser.inspect('entry-form');

    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    await fillStudent(page, 0, { ...team[0]!, idNumber: wrong });
    await fillStudent(page, 1, team[1]!);

    await page.getByRole('button', { name: '提交报名' }).click();
    const idInput = contestantGroup(page, 0).getByLabel('身份证号码');
    await page.locator('.error-summary').waitFor();
    expect(await idInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await idInput.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(
      describedBy
        .split(' ')
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(messages).toContain('身份证号码的校验位（最后一位）不正确，请逐位核对');
    expect(await page.evaluate("document.activeElement?.classList.contains('error-summary')")).toBe(true);
    await browser.inspect('entry-form-errors');
    // From the summary, by keyboard: Tab to the first problem's link, Enter, and the field has the focus.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toMatch(/^选手1.*身份证号码/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe(await idInput.getAttribute('id'));

    await idInput.fill(good);
    await idInput.blur();
    expect(await idInput.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByRole('heading', { level: 1, name: /人工智能训练师/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => entryState(page).textContent()).toBe('已提交');

    const listed = await local.call('GET', '/v1/competitions/bayu-2023/registrations', { token: unit.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    registrationId = listed.body.items[0].registrationId;
    expect(page.url()).toContain(`#/entries/${registrationId}`);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('uploads both photos straight to the bucket, sees 报名完成 and downloads the 附件4 form', async () => {
    const { page } = browser;
    for (const [index, s] of team.entries()) {
      const panel = page.getByRole('region', { name: `${s.name}的照片` });
      const photo = await makePhoto({ background: COLOURS.red, seed: index + 3 });
      await panel
        .getByLabel(`选择${s.name}的照片`)
        .setInputFiles({ name: `${s.name}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await panel.getByRole('img', { name: `${s.name}的照片预览` }).waitFor();
      await panel.getByRole('button', { name: '上传照片' }).click();
      await expect.poll(() => panel.locator('.status').textContent(), { timeout: 30_000 }).toBe('合格');
    }
    await expect.poll(() => entryState(page).textContent(), { timeout: 30_000 }).toBe('报名完成');
    await browser.inspect('entry-complete');

    // Fetched with the key and saved from a blob under the name the API gives.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载报名表（附件4）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `${unit.name}-人工智能训练师-学生组-${team.map((s) => s.name).join('、')}.docx`,
    );
    const docx = await JSZip.loadAsync(await readFile(await download.path()));
    const xml = await docx.file('word/document.xml')!.async('string');
    for (const s of team) expect(xml).toContain(`>${s.name}<`);
    expect(Object.keys(docx.files).filter((p) => p.startsWith('word/media/'))).toHaveLength(2);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('amends with a stale version: the conflict is shown, the newer entry reloaded, and the amendment saved', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '修改' }).click();
    await page.getByRole('heading', { level: 1, name: '修改报名' }).waitFor();

    // Meanwhile someone else in the school office changes the leader's name.
    const current = await local.call('GET', `/v1/registrations/${registrationId}`, { token: unit.token });
    const concurrent = await local.call('PUT', `/v1/registrations/${registrationId}`, {
      token: unit.token,
      body: teamBody('赵领队'),
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    expect(concurrent.status).toBe(200);

    // The masked numbers stay as shown (they stand for the stored ones); only the address is corrected.
    const address = contestantGroup(page, 0).getByLabel('通讯地址');
    expect(await contestantGroup(page, 0).getByLabel('身份证号码').inputValue()).toMatch(
      /^500106\*{8}\d{3}[\dX]$/,
    );
    await address.fill('重庆市九龙坡区杨家坪正街2号');
    await page.getByRole('button', { name: '保存修改' }).click();

    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('这条报名已在别处被修改，已重新载入最新内容，请核对后再提交');
    expect(await page.getByLabel('领队姓名').inputValue()).toBe('赵领队');
    expect(await address.inputValue()).toBe('重庆市沙坪坝区大学城中路1号');
    await browser.inspect('entry-form-conflict');
    expect(browser.takeRefused()).toEqual([`409 /v1/registrations/${registrationId}`]);

    // Corrected again on the reloaded entry, the amendment is saved.
    await address.fill('重庆市九龙坡区杨家坪正街2号');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('修改已保存，系统将重新检查资格').waitFor();
    const stored = await local.call('GET', `/v1/registrations/${registrationId}`, { token: unit.token });
    expect(stored.body.leader.name).toBe('赵领队');
    expect(stored.body.contestants[0].address).toBe('重庆市九龙坡区杨家坪正街2号');
    const amendments = stored.body.history.filter((h: { action: string }) => h.action === 'amended');
    expect(amendments.at(-1).changedPaths).toEqual(['/contestants/0/address']);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('withdraws after the confirmation, and the home page shows the place free again', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '“巴渝工匠”杯 参赛报名' }).click();
    await page.getByRole('heading', { level: 1, name: unit.name }).waitFor();
    expect(await placesLeft(page, '人工智能训练师', '学生组')).toBe(1);
    await page.getByRole('link', { name: /^人工智能训练师 · 学生组/ }).click();
    await page.getByRole('heading', { level: 1, name: /人工智能训练师/ }).waitFor();
    await page.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('alertdialog', { name: '确定撤回这条报名吗？' });
    await dialog.waitFor();
    await browser.inspect('entry-withdraw-confirm');
    await dialog.getByRole('button', { name: '确认撤回' }).click();

    await page.getByRole('heading', { level: 1, name: unit.name }).waitFor();
    await page.getByText('报名已撤回，名额已释放').waitFor();
    expect(await placesLeft(page, '人工智能训练师', '学生组')).toBe(2);
    const card = page.getByRole('listitem').filter({ hasText: team[0]!.name });
    expect(await card.locator('dd').first().textContent()).toBe('已撤回');
    await browser.inspect('home-after-withdrawal');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('cannot submit a machine-vision entry once the track has closed, and the page says why', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '新增报名' }).click();
    await page.getByLabel('参加赛项').selectOption({ label: '人工智能与机器视觉技术' });
    await page.getByLabel('组别').selectOption({ label: '不分组' });
    await page.getByLabel('领队姓名').fill(leader.name);
    await page.getByLabel('领队手机号码').fill(leader.phone);
    const late = {
      name: '陈晨',
      idNumber: makeIdNumber({ birthDate: '2003-11-02', sequence: 9, gender: 'male' }),
      phone: '13900002003',
    };
    await fillStudent(page, 0, late);

    // The deadline passes while the clerk is still on the form (opened before it).
    local.runtime.setClock(MACHINE_VISION_CLOSES + 60_000);
    await page.getByRole('button', { name: '提交报名' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('本赛项报名已截止（或尚未开始），不能再提交或修改');
    await browser.inspect('entry-form-closed-on-submit');

    // Reloaded, the page knows: the draft is kept, the track is marked closed, and 提交报名 is disabled.
    await page.reload();
    const notice = page.getByText(
      /人工智能与机器视觉技术的报名已于2023-09-22 24:00（北京时间）截止，不能再提交。/,
    );
    await notice.waitFor();
    expect(await contestantGroup(page, 0).getByLabel('姓名', { exact: true }).inputValue()).toBe(late.name);
    expect(await page.getByRole('button', { name: '提交报名' }).isDisabled()).toBe(true);
    await browser.inspect('entry-form-closed');

    const listed = await local.call('GET', '/v1/competitions/bayu-2023/registrations', { token: unit.token });
    expect(listed.body.items.map((r: { trackId: string }) => r.trackId)).toEqual(['ai-trainer']);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual(['403 /v1/competitions/bayu-2023/registrations']);
  }, 120_000);
});
