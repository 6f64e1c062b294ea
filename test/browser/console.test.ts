/**
 * Issue 13's acceptance in a real browser, against the local runtime: three people at three computers (an
 * admin, a secretariat member, a company's clerk), each in a browser context of their own.
 *  1. The admin creates the member's account in 账户 and hands over the key shown once.
 *  2. The member signs in, creates a unit in 参赛单位 and copies its hand-over text with 复制; the clerk signs in
 *     with the key it holds and submits a machine-vision entry whose contestant needs the secretariat's review.
 *  3. The member approves it from 人工复核 with a reason; the clerk's entry page shows the decision, naming her.
 *     She finds the entry again by the contestant's whole ID number and asks for the whole numbers: shown, and
 *     the viewing recorded in the history with her name.
 *  4. The admin registers a portal acting for the unit (its key works with Bayu-Unit) and a webhook endpoint on
 *     127.0.0.1, each secret shown once; a test delivery arrives signed.
 *  5. The admin revokes the member's key; her next action is refused and the console says why.
 * Every page visited gets the axe, 360 px and screenshot checks of test/support/browser.ts; no console error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '#infra/local/runtime.ts';
import { browserOfFile } from '../support/browser.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import { judged } from '../support/local-api.ts';
import { localRuntimeServingWebApp } from '../support/web-runtime.ts';
import { Receiver } from '../support/webhook-receiver.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REASON = '单位出具证明：该选手为干部岗位，未达退休年龄';
/** A woman employee of 52 who has not said whether her post is a worker's or a cadre's. */
const LIU_FANG = makeIdNumber({ region: '500107', birthDate: '1971-05-01', sequence: 31, gender: 'female' });

const local = localRuntimeServingWebApp(OPEN);
const browser = browserOfFile();

async function signIn(page: Page, key: string) {
  await page.goto(`${local.runtime.baseUrl}/`);
  await page.getByLabel('访问密钥').fill(key);
  await page.getByRole('button', { name: '登录' }).click();
}

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '工作台' }).getByRole('link', { name, exact: true }).click();

let admin: Page;
let member: Page;
let clerk: Page;
let memberKey: string;
let unitKey: string;
let registrationId: string;

describe("the secretariat's console", () => {
  it("lets the admin create a member's account, its key shown once", async () => {
    admin = browser.page;
    await signIn(admin, local.runtime.secretariatToken);
    await admin.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await browser.inspect('console-overview', admin);

    await section(admin, '账户');
    await admin.getByRole('heading', { level: 1, name: '账户' }).waitFor();
    await admin.getByLabel('姓名').fill('王芳');
    await admin.getByLabel('电子邮箱').fill('wangfang@example.cn');
    await admin.getByLabel('角色').selectOption({ label: '执委会成员' });
    await admin.getByRole('button', { name: '创建成员并生成访问密钥' }).click();
    const keyBox = admin.getByLabel('王芳的访问密钥');
    await keyBox.waitFor();
    memberKey = await keyBox.inputValue();
    expect(memberKey).toMatch(/^bayu_sec_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/);
    await browser.inspect('console-account-created', admin);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('lets the member create a unit and copy its key; the unit signs in with it and enters a contestant needing review', async () => {
    member = await browser.newPage();
    await signIn(member, memberKey);
    await member.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await expect.poll(() => member.getByRole('link', { name: '账户' }).count()).toBe(0);

    await section(member, '参赛单位');
    await member.getByRole('heading', { level: 1, name: '参赛单位' }).waitFor();
    await member.getByLabel('单位名称').fill('重庆智造科技有限公司');
    await member.getByLabel('单位类型').selectOption({ label: '企业' });
    await member.getByLabel(/^所在区县/).fill('九龙坡区');
    await member.getByLabel('联系人姓名').fill('陈静');
    await member.getByLabel('联系电话').fill('13800138000');
    await member.getByLabel('电子邮箱').fill('hr@zhizao.example.cn');
    await member.getByRole('button', { name: '创建单位并生成访问密钥' }).click();
    await member.getByLabel('交付说明（含访问密钥）').waitFor();
    await member.getByRole('button', { name: '复制' }).click();
    await member.getByRole('status').filter({ hasText: '已复制到剪贴板' }).waitFor();
    const handOver = String(await member.evaluate('navigator.clipboard.readText()'));
    expect(handOver).toContain('重庆智造科技有限公司：');
    expect(handOver).toContain(`报名网址：${local.runtime.baseUrl}/`);
    unitKey = /访问密钥：(\S+)/.exec(handOver)?.[1] ?? '';
    expect(unitKey).toMatch(/^bayu_unit_/);
    await browser.inspect('console-unit-created', member);

    clerk = await browser.newPage();
    await signIn(clerk, unitKey);
    await clerk.getByRole('heading', { level: 1, name: '重庆智造科技有限公司' }).waitFor();
    await clerk.getByRole('link', { name: '新增报名' }).click();
    await clerk.getByLabel('参加赛项').selectOption({ label: '人工智能与机器视觉技术' });
    await clerk.getByLabel('组别').selectOption({ label: '不分组' });
    await clerk.getByLabel('领队姓名').fill('陈静');
    await clerk.getByLabel('领队手机号码').fill('13800138000');
    // A woman employee of 52 who has not said whether her post is a worker's or a cadre's: the retirement
    // age rule sends her to the secretariat.
    const fieldset = clerk.getByRole('group', { name: '选手1', exact: true });
    await fieldset.getByLabel('姓名', { exact: true }).fill('刘芳');
    await fieldset.getByLabel('性别').selectOption({ label: '女' });
    await fieldset.getByLabel('身份证号码').fill(LIU_FANG);
    await fieldset.getByLabel('文化程度').selectOption({ label: '本科' });
    await fieldset.getByLabel('所学专业').fill('机械设计制造及其自动化');
    await fieldset.getByLabel('手机号码', { exact: true }).fill('13900003001');
    await fieldset.getByLabel('通讯地址').fill('重庆市九龙坡区科园一路1号');
    await fieldset.getByLabel('邮编').fill('400039');
    await fieldset.getByLabel('参加身份').selectOption({ label: '职工' });
    await fieldset.getByLabel('现职业资格等级').selectOption({ label: '三级/高级工' });
    await fieldset.getByLabel('从事本职业年限').fill('20');
    await clerk.getByRole('button', { name: '提交报名' }).click();
    await clerk
      .getByRole('heading', { level: 1, name: /人工智能与机器视觉技术/ })
      .waitFor({ timeout: 15_000 });
    registrationId = /#\/entries\/([\w-]+)/.exec(clerk.url())?.[1] ?? '';
    expect((await judged(local.runtime, registrationId)).eligibility.status).toBe('review');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it("lets the member approve it from the review queue with a reason, and the unit's entry page shows the decision", async () => {
    await section(member, '人工复核');
    await member.getByRole('heading', { level: 1, name: '人工复核' }).waitFor();
    const item = member.locator('li.card').filter({ hasText: '刘芳' });
    await item.getByText(/退休/).first().waitFor();
    await item.getByRole('button', { name: '同意', exact: true }).click();
    expect(await item.getByRole('alert').textContent()).toBe('请填写复核理由');
    await browser.inspect('console-review-reason-missing', member);
    await item.getByLabel('复核理由').fill(REASON);
    await item.getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => member.getByText(/已同意/).count()).toBeGreaterThan(0);
    await browser.inspect('console-review-decided', member);

    await clerk.reload();
    await clerk.getByRole('heading', { level: 1, name: /人工智能与机器视觉技术/ }).waitFor();
    await clerk.getByText(`大赛执委会复核：同意，${REASON}`).waitFor();
    const decision = clerk.getByRole('listitem').filter({ hasText: '大赛执委会人工复核' });
    expect(await decision.textContent()).toContain('王芳');
    expect(await decision.textContent()).toContain(REASON);
    await browser.inspect('entry-reviewed', clerk);

    const stored = await judged(local.runtime, registrationId, (r) => r.eligibility.status === 'passed');
    expect(stored.history.at(-1)).toMatchObject({ action: 'eligibility-reviewed', actorName: '王芳' });
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('lets the member find the entry by the whole ID number and see the whole numbers, the viewing recorded', async () => {
    await section(member, '报名');
    const search = member.getByRole('form', { name: '按身份证号码查找报名' });
    await search.getByLabel('身份证号码').fill(LIU_FANG);
    await search.getByRole('button', { name: '查找' }).click();
    await member.getByRole('link', { name: /刘芳/ }).first().click();
    await member.getByRole('heading', { level: 1, name: /人工智能与机器视觉技术/ }).waitFor();
    await member.getByRole('button', { name: '显示完整号码' }).click();
    const dialog = member.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('王芳');
    await dialog.getByRole('button', { name: '显示并记录' }).click();
    await member.getByText(LIU_FANG).waitFor();
    await member.getByText('13900003001').waitFor();
    const viewing = member.getByRole('listitem').filter({ hasText: '查看选手完整的身份证号码和手机号码' });
    await expect.poll(() => viewing.count()).toBe(1);
    expect(await viewing.textContent()).toContain('王芳');
    await browser.inspect('console-entry-whole-numbers', member);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it('lets the admin register a portal for the unit and a webhook endpoint, each secret shown once', async () => {
    await section(admin, '门户');
    await admin.getByRole('heading', { level: 1, name: '门户' }).waitFor();
    await admin.getByLabel('门户名称').fill('九龙坡区人社局报名平台');
    await admin.getByLabel('联系人姓名').fill('赵磊');
    await admin.getByLabel('联系人电子邮箱').fill('portal@jlp.example.cn');
    await admin.getByLabel('重庆智造科技有限公司（九龙坡区）').check();
    await admin.getByLabel('提交、修改、撤回报名').check();
    await admin.getByRole('button', { name: '创建门户并生成门户密钥' }).click();
    const portalKey = await admin.getByLabel('九龙坡区人社局报名平台的门户密钥').inputValue();
    expect(portalKey).toMatch(/^bayu_portal_/);
    await browser.inspect('console-portal-created', admin);
    // The key acts for the unit the admin ticked.
    const units = await local.call('GET', '/v1/me', { token: unitKey });
    const listed = await local.call('GET', '/v1/competitions/bayu-2023/registrations', {
      token: portalKey,
      headers: { 'bayu-unit': units.body.unit.unitId },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { registrationId: string }) => r.registrationId)).toEqual([
      registrationId,
    ]);

    const receiver = new Receiver([200]);
    await receiver.start();
    try {
      await section(admin, '回调通知');
      await admin.getByRole('heading', { level: 1, name: '回调通知' }).waitFor();
      await admin.getByLabel('接收地址', { exact: true }).fill(receiver.url);
      await admin.getByLabel('报名提交', { exact: true }).check();
      await admin.getByRole('button', { name: '登记并生成签名密钥' }).click();
      receiver.secret = await admin.getByLabel('签名密钥', { exact: true }).inputValue();
      expect(receiver.secret).toMatch(/^whsec_/);
      await admin.getByRole('button', { name: '发送测试通知' }).click();
      await admin.getByText('测试通知：HTTP 200，已送达').waitFor();
      await browser.inspect('console-webhook-tested', admin);
      expect(receiver.unverified).toEqual([]);
      expect(receiver.received.map((r) => r.message.type)).toEqual(['webhook.test']);
    } finally {
      await receiver.stop();
    }
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual([]);
  }, 120_000);

  it("lets the admin revoke the member's key: her next action is refused and the console says so", async () => {
    await section(admin, '账户');
    await admin.getByRole('button', { name: '查看王芳的访问密钥' }).click();
    await admin.getByRole('button', { name: /^撤销 bayu_sec_/ }).click();
    const dialog = admin.getByRole('alertdialog');
    await dialog.waitFor();
    await browser.inspect('console-revoke-confirm', admin);
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await admin
      .getByText(/已撤销，立即失效/)
      .first()
      .waitFor();

    await section(member, '参赛单位');
    await member.getByText('访问密钥已失效或已被撤销，请重新登录').waitFor();
    await member.getByLabel('访问密钥').waitFor();
    expect(await member.evaluate('sessionStorage.length')).toBe(0);
    await browser.inspect('console-key-revoked', member);
    // The admin's own key, and the unit's, still work.
    expect(
      (await local.call('GET', '/v1/me', { token: local.runtime.secretariatToken })).body.account.name,
    ).toBe(LOCAL_ADMIN.name);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.takeRefused()).toEqual(['401 /v1/units']);
  }, 120_000);
});
