// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api.ts';
import { App, KEY_LOST_MESSAGE } from '../src/app.tsx';
import type { GrantedOverride, SummaryView } from '../src/console/api.ts';
import { ConsoleEntryPage, EntriesPage } from '../src/console/entries.tsx';
import { ExclusionsPage } from '../src/console/exclusions.tsx';
import { OverridesPage } from '../src/console/overrides.tsx';
import { OverviewPage } from '../src/console/overview.tsx';
import { ReviewsPage } from '../src/console/reviews.tsx';
import { SummariesPage } from '../src/console/summaries.tsx';
import { UnitPage, UnitsPage } from '../src/console/units.tsx';
import {
  admin,
  fakeApi,
  fakeConsoleApi,
  registrationView,
  renderConsole,
  school,
  setNow,
  versioned,
} from './support.tsx';

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  location.hash = '';
  setNow('2023-09-01T09:00:00+08:00');
});
afterEach(cleanup);

const revoked = () => new ApiError(401, 'UNAUTHENTICATED', '访问密钥不正确或已失效，请核对后重新登录');

async function signIn(key: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('访问密钥'), key);
  await user.click(screen.getByRole('button', { name: '登录' }));
  return user;
}

describe('signing in by the kind of key', () => {
  it("opens the console for a member's key and the units' app for a unit's key", async () => {
    const unitApi = fakeApi();
    const consoleApi = fakeConsoleApi();
    const apiFor = (key: string) => (key === 'bayu_sec_member' ? consoleApi : unitApi);
    render(<App apiFor={apiFor} consoleApiFor={() => consoleApi} />);

    const user = await signIn('bayu_sec_member');
    expect(await screen.findByRole('heading', { level: 1, name: '概览' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: '工作台' });
    expect(within(nav).getByRole('link', { name: '人工复核' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: '账户' }).textContent).toContain('张三');
    expect(sessionStorage.getItem('bayu.accessKey')).toBe('bayu_sec_member');

    await user.click(screen.getByRole('button', { name: '退出' }));
    await signIn('bayu_unit_right');
    expect(await screen.findByRole('heading', { level: 1, name: '重庆机械技师学院' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '工作台' })).toBeNull();
  });
});

describe('a key revoked after sign-in', () => {
  it("signs the unit out with the reason on the unit's next request", async () => {
    const api = fakeApi({
      registrations: async () => {
        throw revoked();
      },
    });
    render(<App apiFor={() => api} />);
    await signIn('bayu_unit_right');
    expect(await screen.findByText(KEY_LOST_MESSAGE)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '参赛单位登录' })).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });

  it("signs the member out with the reason on the console's next request", async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      reviews: async () => {
        throw revoked();
      },
    });
    render(<App apiFor={() => api} consoleApiFor={() => api} />);
    await signIn('bayu_sec_member');
    await screen.findByRole('heading', { level: 1, name: '概览' });
    await user.click(screen.getByRole('link', { name: '人工复核' }));
    expect(await screen.findByText('访问密钥已失效或已被撤销，请重新登录')).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });
});

describe('creating a unit', () => {
  it('checks the form in Chinese, then shows the key once in a hand-over text with 复制', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = fakeConsoleApi({
      createUnit: async (input) => ({
        token: 'bayu_unit_Secret1234',
        created: { ...school, unitId: 'unit_9', ...input },
      }),
    });
    renderConsole(<UnitsPage />, api);

    await user.click(screen.getByRole('button', { name: '创建单位并生成访问密钥' }));
    const summary = await screen.findByRole('alert', { name: '有5处需要修改' });
    expect(summary.textContent).toContain('请填写单位名称');
    expect(document.activeElement).toBe(summary);
    expect(api.calls.some((c) => c.method === 'createUnit')).toBe(false);

    await user.type(screen.getByLabelText('单位名称'), '重庆智能制造有限公司');
    await user.selectOptions(screen.getByLabelText('单位类型'), 'enterprise');
    await user.type(screen.getByLabelText(/所在区县/), '渝北区');
    await user.type(screen.getByLabelText('联系人姓名'), '赵敏');
    await user.type(screen.getByLabelText('联系电话'), '13900002222');
    await user.type(screen.getByLabelText('电子邮箱'), 'hr@example.cn');
    await user.click(screen.getByRole('button', { name: '创建单位并生成访问密钥' }));

    const handOver = (await screen.findByLabelText('交付说明（含访问密钥）')) as HTMLTextAreaElement;
    expect(api.calls.find((c) => c.method === 'createUnit')?.args[0]).toEqual({
      name: '重庆智能制造有限公司',
      kind: 'enterprise',
      district: '渝北区',
      contact: { name: '赵敏', phone: '13900002222', email: 'hr@example.cn' },
    });
    expect(handOver.value).toContain('重庆智能制造有限公司：');
    expect(handOver.value).toContain(`报名网址：${location.origin}/`);
    expect(handOver.value).toContain('访问密钥：bayu_unit_Secret1234');
    expect(handOver.value).toContain('人工智能训练师：2023-09-28 24:00');
    expect(screen.getByText(/访问密钥只显示这一次/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '复制' }));
    expect(writeText).toHaveBeenCalledWith(handOver.value);
    expect(await screen.findByText('已复制到剪贴板')).toBeTruthy();
    expect((screen.getByLabelText('单位名称') as HTMLInputElement).value).toBe('');
  });
});

describe('the review queue', () => {
  const inReview = registrationView({
    status: 'submitted',
    eligibility: {
      status: 'review',
      findings: [
        {
          rule: 'student-enrolment',
          outcome: 'review',
          message: '第2名选手以学生身份参赛，却由企业单位报名，请大赛执委会核实。',
          relatedRegistrationId: 'reg_7',
        },
      ],
    },
  });
  const other = registrationView({
    ...inReview,
    registrationId: 'reg_2',
    contestants: [inReview.contestants[1]!],
  });

  it('shows findings in Chinese, requires a reason, and posts approve and reject', async () => {
    const user = userEvent.setup();
    let queue = [inReview, other];
    const api = fakeConsoleApi({
      reviews: async () => queue,
      review: async (registrationId) => {
        queue = queue.filter((r) => r.registrationId !== registrationId);
        return inReview;
      },
    });
    renderConsole(<ReviewsPage />, api);

    const first = (await screen.findAllByRole('listitem')).find((li) =>
      li.textContent?.includes('张伟、李娜'),
    )!;
    expect(first.textContent).toContain('却由企业单位报名');
    expect(first.textContent).toContain('重庆机械技师学院');
    expect(within(first).getByRole('link', { name: '查看相关报名' }).getAttribute('href')).toBe(
      '#/console/entries/reg_7',
    );

    await user.click(within(first).getByRole('button', { name: '同意' }));
    expect(within(first).getByRole('alert').textContent).toBe('请填写复核理由');
    expect(document.activeElement).toBe(within(first).getByLabelText('复核理由'));
    expect(api.calls.some((c) => c.method === 'review')).toBe(false);

    await user.type(within(first).getByLabelText('复核理由'), '已核实学籍证明');
    await user.click(within(first).getByRole('button', { name: '同意' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'review')?.args).toEqual([
        'reg_1',
        'approve',
        '已核实学籍证明',
      ]),
    );
    expect(await screen.findByText(/已同意/)).toBeTruthy();

    await waitFor(() => expect(screen.getAllByLabelText('复核理由')).toHaveLength(1));
    await user.type(screen.getByLabelText('复核理由'), '无法提供在籍证明');
    await user.click(screen.getByRole('button', { name: '不同意' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'review')[1]?.args).toEqual([
        'reg_2',
        'reject',
        '无法提供在籍证明',
      ]),
    );
    expect(await screen.findByText('目前没有等待复核的报名。')).toBeTruthy();
  });
});

describe("the secretariat's entry page", () => {
  it("decides a review there and shows the decision in the history with the member's name", async () => {
    const user = userEvent.setup();
    const waiting = registrationView({
      eligibility: {
        status: 'review',
        findings: [{ rule: 'student-enrolment', outcome: 'review', message: '请大赛执委会核实学籍。' }],
      },
    });
    const decided = registrationView({
      eligibility: {
        status: 'passed',
        findings: [],
        review: {
          decision: 'approve',
          reason: '已核实学籍证明',
          actor: 'acc_1',
          at: '2023-09-02T02:00:00.000Z',
          findings: [],
        },
      },
      history: [
        ...waiting.history!,
        {
          version: 2,
          action: 'eligibility-reviewed',
          actor: 'acc_1',
          actorName: '张三',
          at: '2023-09-02T02:00:00.000Z',
          changedPaths: [],
          reason: '已核实学籍证明',
        },
      ],
    });
    let current = waiting;
    const api = fakeConsoleApi({
      registration: async () => versioned(current),
      review: async () => {
        current = decided;
        return decided;
      },
    });
    renderConsole(<ConsoleEntryPage registrationId="reg_1" />, api);

    const timeline = () => document.querySelector('ol.timeline')?.textContent;
    await waitFor(() => expect(timeline()).toContain('2023-09-01 09:00 提交报名（重庆机械技师学院）'));
    expect(screen.getByText('请大赛执委会核实学籍。')).toBeTruthy();
    await user.type(screen.getByLabelText('复核理由'), '已核实学籍证明');
    await user.click(screen.getByRole('button', { name: '同意' }));
    expect(await screen.findByText('已同意，决定已记入历史记录')).toBeTruthy();
    await waitFor(() =>
      expect(timeline()).toContain('2023-09-02 10:00 大赛执委会人工复核（大赛执委会 张三）：已核实学籍证明'),
    );
    expect(screen.queryByLabelText('复核理由')).toBeNull();
  });
});

describe('the entries list', () => {
  it('narrows by track, state, photo, unit and district, and finds a contestant by name', async () => {
    const user = userEvent.setup();
    const other = { ...school, unitId: 'unit_2', name: '重庆电子工程职业学院', district: '沙坪坝区' };
    const api = fakeConsoleApi({
      units: async () => [school, other],
      registrations: async () => [
        registrationView(),
        registrationView({ registrationId: 'reg_2', unitId: 'unit_2', status: 'withdrawn' }),
        registrationView({
          registrationId: 'reg_3',
          unitId: 'unit_2',
          trackId: 'machine-vision',
          groupId: 'open',
          status: 'complete',
          contestants: [
            {
              ...registrationView().contestants[0]!,
              name: '周杰',
              photo: { status: 'accepted', reasons: [] },
            },
          ],
        }),
      ],
    });
    renderConsole(<EntriesPage />, api);
    expect(await screen.findByText('共3条报名，符合条件3条')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('赛项'), 'ai-trainer');
    expect(screen.getByText('共3条报名，符合条件2条')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('状态'), 'withdrawn');
    expect(screen.getByText('共3条报名，符合条件1条')).toBeTruthy();
    expect(screen.getByRole('link', { name: /人工智能训练师 · 学生组：张伟、李娜/ })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await user.selectOptions(screen.getByLabelText('照片'), 'accepted');
    expect(screen.getByText('共3条报名，符合条件1条')).toBeTruthy();
    expect(screen.getByRole('link', { name: /周杰/ })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await user.selectOptions(screen.getByLabelText('参赛单位'), 'unit_1');
    expect(screen.getByText('共3条报名，符合条件1条')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await user.selectOptions(screen.getByLabelText('区县'), '沙坪坝区');
    expect(screen.getByText('共3条报名，符合条件2条')).toBeTruthy();
    await user.type(screen.getByLabelText('选手姓名'), '周');
    expect(screen.getByText('共3条报名，符合条件1条')).toBeTruthy();
  });
});

describe('the 账户 section', () => {
  it('is in the nav for an admin and not for a member', async () => {
    const forMember = fakeConsoleApi();
    const forAdmin = fakeConsoleApi({
      me: async () => ({
        kind: 'secretariat',
        account: admin,
        key: { keyId: 'key_s0', hint: 'bayu_sec_…0000' },
      }),
    });
    const { unmount } = render(<App apiFor={() => forMember} consoleApiFor={() => forMember} />);
    await signIn('bayu_sec_member');
    const nav = await screen.findByRole('navigation', { name: '工作台' });
    expect(within(nav).queryByRole('link', { name: '账户' })).toBeNull();
    unmount();
    sessionStorage.clear();

    const user = userEvent.setup();
    render(<App apiFor={() => forAdmin} consoleApiFor={() => forAdmin} />);
    await signIn('bayu_sec_admin');
    const adminNav = await screen.findByRole('navigation', { name: '工作台' });
    await user.click(within(adminNav).getByRole('link', { name: '账户' }));
    expect(await screen.findByRole('heading', { level: 1, name: '账户' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '张三（执委会成员）' })).toBeTruthy();
  });
});

describe('the overview', () => {
  it('counts entries by state per group, the places held, progress to the goal and the reviews waiting', async () => {
    const review = { status: 'review' as const, findings: [] };
    renderConsole(
      <OverviewPage />,
      fakeConsoleApi({
        registrations: async () => [
          registrationView(),
          registrationView({ registrationId: 'reg_2', eligibility: review }),
          registrationView({ registrationId: 'reg_3', groupId: 'employee', status: 'complete' }),
          registrationView({ registrationId: 'reg_4', status: 'withdrawn', eligibility: review }),
        ],
      }),
    );
    const ai = await screen.findByRole('article', { name: '人工智能训练师' });
    await waitFor(() => expect(within(ai).getByRole('row', { name: /已提交/ }).textContent).toBe('已提交20'));
    expect(within(ai).getByRole('row', { name: /占用名额/ }).textContent).toBe('占用名额21');
    expect(within(ai).getByRole('row', { name: /已撤回/ }).textContent).toBe('已撤回10');
    expect(within(ai).getByRole('row', { name: /待复核/ }).textContent).toBe('待复核10');
    expect(ai.textContent).toContain('还剩27天');
    expect((within(ai).getByLabelText(/报名完成 1 \/ 30/) as HTMLProgressElement).value).toBe(1);
    expect(
      screen
        .getByText(/有1条报名等待人工复核/)
        .querySelector('a')
        ?.getAttribute('href'),
    ).toBe('#/console/reviews');
  });
});

describe("a unit's page", () => {
  const key = (keyId: string, hint: string) => ({
    keyId,
    kind: 'unit',
    hint,
    createdAt: '2023-08-01T01:00:00.000Z',
    createdBy: 'acc_1',
  });

  it("shows the unit's entries (asked of the API by unit) and the mails sent to it", async () => {
    const api = fakeConsoleApi({
      registrations: async () => [registrationView()],
      unitMails: async () => [
        {
          eventKey: 'evt_1',
          to: 'office@example.cn',
          template: 'receipt-submitted',
          status: 'sent',
          attempts: 1,
          createdAt: '2023-09-01T01:00:30.000Z',
          updatedAt: '2023-09-01T01:00:31.000Z',
        },
      ],
    });
    renderConsole(<UnitPage unitId="unit_1" />, api);
    expect(await screen.findByRole('heading', { level: 1, name: '重庆机械技师学院' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: /人工智能训练师 · 学生组：张伟、李娜/ })).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'registrations')?.args).toEqual([
      'bayu-2023',
      { unitId: 'unit_1' },
    ]);
    expect((await screen.findByText(/报名回执（提交）/)).textContent).toBe(
      '2023-09-01 09:00 报名回执（提交） → office@example.cn · 已发送',
    );
  });

  it('rotates with the grace chosen (the new key shown once) and revokes after a confirmation', async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      keys: async () => [key('key_a', 'bayu_unit_…a1b2')],
      rotateUnitKey: async () => ({
        token: 'bayu_unit_NewSecret9',
        created: { keyId: 'key_b', hint: 'bayu_unit_…et9' },
      }),
      revokeKey: async () => {},
    });
    renderConsole(<UnitPage unitId="unit_1" />, api);

    await user.selectOptions(await screen.findByLabelText('旧密钥保留时间'), '86400');
    await user.click(screen.getByRole('button', { name: '更换访问密钥' }));
    const text = (await screen.findByLabelText('交付说明（含新访问密钥）')) as HTMLTextAreaElement;
    expect(text.value).toContain('访问密钥：bayu_unit_NewSecret9');
    expect(api.calls.find((c) => c.method === 'rotateUnitKey')?.args).toEqual(['unit_1', 86400]);

    await user.click(screen.getByRole('button', { name: '撤销 bayu_unit_…a1b2' }));
    const dialog = screen.getByRole('alertdialog', { name: '确定撤销访问密钥 bayu_unit_…a1b2 吗？' });
    expect(document.activeElement).toBe(dialog);
    expect(api.calls.some((c) => c.method === 'revokeKey')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: '确认撤销' }));
    expect(await screen.findByText('访问密钥 bayu_unit_…a1b2 已撤销，立即失效')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'revokeKey')?.args).toEqual(['key_a']);
  });
});

describe('the exclusion list', () => {
  it('sends the pasted numbers and shows only how many the list holds', async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      replaceExclusions: async (_competitionId, idNumbers) => ({
        count: idNumbers.length,
        updatedAt: '2023-09-01T01:00:00.000Z',
      }),
    });
    renderConsole(<ExclusionsPage />, api);
    await user.type(screen.getByLabelText(/粘贴身份证号码/), '500103199001010010{enter}11010519491231002X');
    expect(screen.getByText('识别到2个身份证号码')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '用这2个号码替换排除名单' }));
    expect(await screen.findByText('排除名单已更新：共2个身份证号码（2023-09-01 09:00）。')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'replaceExclusions')?.args).toEqual([
      'bayu-2023',
      ['500103199001010010', '11010519491231002X'],
    ]);
    expect((screen.getByLabelText(/粘贴身份证号码/) as HTMLTextAreaElement).value).toBe('');
    expect(document.body.textContent).not.toContain('500103199001010010');
  });
});

describe('late-entry overrides', () => {
  it('requires every field, then grants with the end read in Beijing time and lists the grant', async () => {
    const user = userEvent.setup();
    let granted: GrantedOverride[] = [];
    const api = fakeConsoleApi({
      allOverrides: async () => granted,
      grantOverride: async (competitionId, trackId, body) => {
        const o = {
          competitionId,
          trackId,
          ...body,
          grantedAt: '2023-09-30T02:00:00.000Z',
          grantedBy: 'acc_1',
        };
        granted = [o];
        return o;
      },
    });
    renderConsole(<OverridesPage />, api);
    await user.click(screen.getByRole('button', { name: '同意补报' }));
    expect((await screen.findByRole('alert', { name: '有4处需要修改' })).textContent).toContain(
      '请填写补报理由',
    );

    await user.selectOptions(await screen.findByLabelText('参赛单位'), 'unit_1');
    await user.selectOptions(screen.getByLabelText('赛项'), 'machine-vision');
    await user.type(screen.getByLabelText('补报理由'), '材料邮寄延误');
    fireEvent.input(screen.getByLabelText('补报截止时间（北京时间）'), {
      target: { value: '2023-10-01T18:00' },
    });
    await user.click(screen.getByRole('button', { name: '同意补报' }));

    expect(
      await screen.findByText(
        '已同意重庆机械技师学院补报人工智能与机器视觉技术，开放至2023-10-01 18:00（北京时间）',
      ),
    ).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'grantOverride')?.args).toEqual([
      'bayu-2023',
      'machine-vision',
      { unitId: 'unit_1', reason: '材料邮寄延误', until: '2023-10-01T18:00:00+08:00' },
    ]);
    expect(
      await screen.findByRole('heading', { name: '重庆机械技师学院 · 人工智能与机器视觉技术' }),
    ).toBeTruthy();
  });
});

describe('summaries', () => {
  afterEach(() => vi.useRealTimers());

  it('requests the workbooks, follows the status and offers the downloads when ready', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const requested: SummaryView = {
      summaryId: 'sum_1',
      kind: 'on-demand',
      state: 'requested',
      requestedAt: '2023-09-01T01:00:00.000Z',
      files: [],
    };
    const file = { scope: 'all', fileName: '参赛信息汇总表.xlsx', bytes: 52_000 };
    const ready: SummaryView = {
      ...requested,
      state: 'ready',
      asOf: '2023-09-01T01:00:00.000Z',
      files: [file],
      downloads: [{ ...file, url: 'http://127.0.0.1:4569/app/summaries/x.xlsx?signed' }],
    };
    const api = fakeConsoleApi({ requestSummary: async () => requested, summary: async () => ready });
    renderConsole(<SummariesPage />, api);

    await user.click(screen.getByRole('button', { name: '现在生成汇总表' }));
    expect(await screen.findByText('已提交请求，等待生成')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(3000);
    const link = await screen.findByRole('link', { name: '参赛信息汇总表.xlsx' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:4569/app/summaries/x.xlsx?signed');
    expect(screen.getByText('已生成')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'summary')).toHaveLength(1);
  });
});
