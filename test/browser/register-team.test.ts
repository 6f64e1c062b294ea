/**
 * Issue 12's first acceptance point in a real browser: Debian's Chromium (/usr/bin/chromium, installed by
 * scripts/ensure-browser.sh) driven by playwright-core against the local runtime, which serves the web app built
 * into a temporary folder. A school signs in, fills an AI-trainer student team whose 选手1 has a wrong ID number
 * check digit, sees the Chinese message at that field, fixes it, submits and sees 已提交.
 *
 * Every page visited gets an axe check (no serious or critical violation), screenshots at 1280 and 360 px wide
 * (written to a temporary folder, printed at the end) and a check for horizontal scrolling at 360 px; the page
 * must log no console error.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import { createUnit } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const CHROMIUM = '/usr/bin/chromium';
// ../shared/docs/web.md: Debian's Chromium under playwright-core, with nothing reaching beyond this machine.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 740 };

let webDir: string;
let shotsDir: string;
const local = localRuntimeOfFile(async () => {
  // The web function reads WEB_ASSETS_DIR on its first request, in this process: the app is built fresh here.
  webDir = await mkdtemp(join(tmpdir(), 'bayu-browser-web-'));
  await buildWeb(webDir);
  process.env.WEB_ASSETS_DIR = webDir;
  return { clockStart: OPEN };
});

let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  shotsDir = await mkdtemp(join(tmpdir(), 'bayu-screenshots-'));
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-browser.sh\``);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // @axe-core/playwright needs a context made by browser.newContext().
  context = await browser.newContext({ viewport: WIDE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  delete process.env.WEB_ASSETS_DIR;
  if (webDir) await rm(webDir, { recursive: true, force: true });
  if (shotsDir) console.info(`browser screenshots: ${shotsDir}`);
});

/** The axe findings that matter here: serious or critical, with the elements they point at. */
async function seriousViolations(): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Axe, a screenshot at each width, and no horizontal scrolling at 360 px; leaves the page at 1280 px. */
async function inspect(name: string): Promise<void> {
  expect(await seriousViolations(), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: join(shotsDir, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(NARROW);
  // Page-side code as strings: the backend's tsconfig has no DOM library.
  const widths = (await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  )) as { scroll: number; client: number };
  expect(widths.scroll, `horizontal scrolling on ${name} at 360 px`).toBeLessThanOrEqual(widths.client);
  await page.screenshot({ path: join(shotsDir, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(WIDE);
}

/** A student born in 2003 (16 or over on the final's reference date) with the given ID number. */
const student = (name: string, idNumber: string, phone: string) => ({ name, idNumber, phone });

describe('a unit registers an AI-trainer student team in the browser', () => {
  it('sees the Chinese error at 选手1 身份证号码, fixes it, submits and sees 已提交', async () => {
    const unit = await createUnit(local.runtime, 'school');

    await page.goto(`${local.runtime.baseUrl}/`);
    await page.getByLabel('访问密钥').waitFor();
    await inspect('sign-in');
    await page.getByLabel('访问密钥').fill(unit.token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1, name: unit.name }).waitFor();
    await inspect('home');

    await page.getByRole('link', { name: '新增报名' }).click();
    await page.getByLabel('参加赛项').selectOption({ label: '人工智能训练师' });
    await page.getByLabel('组别').selectOption({ label: '学生组' });
    await page.getByLabel('领队姓名').fill('王领队');
    await page.getByLabel('领队手机号码').fill('13700001234');
    await page.getByLabel('指导教师姓名').fill('刘老师');
    await page.getByLabel('指导教师手机号码').fill('13600005678');

    const good = makeIdNumber({ region: '500106', birthDate: '2003-05-12', sequence: 21, gender: 'male' });
    const last = good.slice(-1);
    const wrong = good.slice(0, 17) + (last === '0' ? '1' : '0');
    const students = [
      student('张明', wrong, '13900002001'),
      student('李华', makeIdNumber({ birthDate: '2004-03-08', sequence: 7, gender: 'male' }), '13900002002'),
    ];
    for (const [index, s] of students.entries()) {
      const fieldset = page.getByRole('group', { name: `选手${index + 1}`, exact: true });
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

    await page.getByRole('button', { name: '提交报名' }).click();
    const idInput = page.getByRole('group', { name: '选手1', exact: true }).getByLabel('身份证号码');
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
    await inspect('entry-form-errors');

    await idInput.fill(good);
    await idInput.blur();
    expect(await idInput.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByRole('heading', { level: 1, name: /人工智能训练师/ }).waitFor({ timeout: 15_000 });
    await page.getByText('已提交', { exact: true }).first().waitFor();
    await inspect('entry');

    const listed = await local.call('GET', '/v1/competitions/bayu-2023/registrations', { token: unit.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
