// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api.ts';
import { App, KEY_LOST_MESSAGE } from '../src/app.tsx';
import type { ExclusionFacts, GrantedOverride, SummaryView } from '../src/console/api.ts';
import { ConsoleEntryPage, EntriesPage } from '../src/console/entries.tsx';
import { ExclusionsPage } from '../src/console/exclusions.tsx';
import { OverridesPage } from '../src/console/overrides.tsx';
import { OverviewPage } from '../src/console/overview.tsx';
import { ReviewsPage } from '../src/console/reviews.tsx';
import { SummariesPage } from '../src/console/summaries.tsx';
import { UnitPage, UnitsPage } from '../src/console/units.tsx';
import {
  admin,
  catchDownloads,
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

describe('finding entries by the whole ID number', () => {
  const found = registrationView({ registrationId: 'reg_9', trackId: 'machine-vision', groupId: 'open' });

  it('checks the number in the browser, sends it in the body, shows the entries found and goes back', async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      registrations: async () => [registrationView()],
      searchByIdNumber: async () => [found],
    });
    renderConsole(<EntriesPage />, api);
    expect(await screen.findByText('共1条报名，符合条件1条')).toBeTruthy();
    const field = screen.getByLabelText('身份证号码') as HTMLInputElement;
    expect(screen.getByText(/号码只发送到服务器用于查找报名，不会被保存/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '查找' }));
    expect(screen.getByText('请填写身份证号码')).toBeTruthy();
    await user.type(field, '11010519491231002');
    await user.click(screen.getByRole('button', { name: '查找' }));
    expect(screen.getByText('身份证号码应为18位，现在是17位')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(api.calls.some((c) => c.method === 'searchByIdNumber')).toBe(false);

    await user.type(field, 'x');
    await user.click(screen.getByRole('button', { name: '查找' }));
    expect(await screen.findByText('按身份证号码找到1条有效报名（不受筛选条件限制）')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'searchByIdNumber')?.args).toEqual([
      'bayu-2023',
      '11010519491231002X',
    ]);
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('link', { name: /人工智能与机器视觉技术/ }).getAttribute('href')).toBe(
      '#/console/entries/reg_9',
    );
    expect(screen.queryByRole('link', { name: /人工智能训练师 · 学生组/ })).toBeNull();
    expect(location.hash).toBe('');
    expect(sessionStorage.length + localStorage.length).toBe(0);

    await user.click(screen.getByRole('button', { name: '返回全部报名' }));
    expect(screen.getByText('共1条报名，符合条件1条')).toBeTruthy();
    expect(screen.getByRole('link', { name: /人工智能训练师 · 学生组/ })).toBeTruthy();
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
  });

  it("shows the API's refusal of the number in Chinese at the field", async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      searchByIdNumber: async () => {
        throw new ApiError(422, 'VALIDATION_FAILED', '有信息填写不正确，请按提示修改', [
          {
            path: '/idNumber',
            code: 'INVALID_ID_NUMBER',
            message: 'ID number (身份证号) has a wrong check digit',
          },
        ]);
      },
    });
    renderConsole(<EntriesPage />, api);
    const field = screen.getByLabelText('身份证号码');
    await user.type(field, '500103199001010010');
    await user.click(screen.getByRole('button', { name: '查找' }));
    expect(await screen.findByText('身份证号码的校验位（最后一位）不正确，请逐位核对')).toBeTruthy();
    expect(document.activeElement).toBe(field);
    expect(screen.queryByText(/按身份证号码找到/)).toBeNull();
  });
});

describe("a contestant's whole numbers", () => {
  it('shows them after a confirmation naming the member, records the viewing, and keeps them nowhere', async () => {
    const user = userEvent.setup();
    const entry = registrationView();
    const viewed = registrationView({
      history: [
        ...entry.history!,
        {
          // The viewing shares the entry's version: it changes nothing of the entry itself.
          version: 1,
          action: 'personal-data-viewed',
          actor: 'acc_1',
          actorName: '张三',
          at: '2023-09-02T02:00:00.000Z',
          changedPaths: [],
        },
      ],
    });
    let current = entry;
    const api = fakeConsoleApi({
      registration: async () => versioned(current),
      wholeNumbers: async () => {
        current = viewed;
        return { idNumber: '500103200503010016', phone: '13812341234' };
      },
    });
    renderConsole(<ConsoleEntryPage registrationId="reg_1" />, api);

    const first = await screen.findByRole('region', { name: '选手1' });
    expect(first.textContent).toContain('500103********0016');
    const show = within(first).getByRole('button', { name: '显示完整号码' });
    await user.click(show);
    let dialog = screen.getByRole('alertdialog', { name: '显示选手1完整的身份证号码和手机号码吗？' });
    expect(dialog.textContent).toContain('这次查看将连同您的姓名（张三）记入这条报名的历史记录');
    expect(document.activeElement).toBe(dialog);
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(show);
    expect(api.calls.some((c) => c.method === 'wholeNumbers')).toBe(false);

    await user.click(show);
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: '显示并记录' }));
    await waitFor(() => expect(first.textContent).toContain('500103200503010016'));
    expect(first.textContent).toContain('13812341234');
    expect(first.textContent).not.toContain('500103********0016');
    expect(within(first).queryByRole('button', { name: '显示完整号码' })).toBeNull();
    expect(api.calls.find((c) => c.method === 'wholeNumbers')?.args).toEqual(['reg_1', 0]);
    const second = screen.getByRole('region', { name: '选手2' });
    expect(second.textContent).toContain('500103********0028');

    await waitFor(() =>
      expect(document.querySelector('ol.timeline')?.textContent).toContain(
        '2023-09-02 10:00 查看选手完整的身份证号码和手机号码（大赛执委会 张三）',
      ),
    );
    // Still shown after the reload, and never put in storage or the address.
    expect(first.textContent).toContain('500103200503010016');
    expect(api.calls.filter((c) => c.method === 'registration')).toHaveLength(2);
    expect(sessionStorage.length + localStorage.length).toBe(0);
    expect(location.hash).toBe('');
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
    expect(screen.getByText('系统消息均已处理，没有失败的消息。')).toBeTruthy();
  });

  it('says when messages failed every retry and wait in the dead-letter queues', async () => {
    renderConsole(
      <OverviewPage />,
      fakeConsoleApi({
        deadLetters: async () => ({ total: 3, queues: [{ queue: 'events for Notify', messages: 3 }] }),
      }),
    );
    expect(await screen.findByText(/有3条系统消息多次重试仍未处理/)).toBeTruthy();
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

  it("downloads the unit's forms as one ZIP, offered only while it has active entries", async () => {
    const user = userEvent.setup();
    const { saved, restore } = catchDownloads();
    try {
      const api = fakeConsoleApi({
        registrations: async () => [registrationView({ status: 'complete' })],
        unitForms: async () => ({ fileName: '重庆机械技师学院-报名表.zip', blob: new Blob(['PK']) }),
      });
      renderConsole(<UnitPage unitId="unit_1" />, api);
      await user.click(await screen.findByRole('button', { name: '下载全部报名表（ZIP）' }));
      await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['重庆机械技师学院-报名表.zip']));
      expect(api.calls.find((c) => c.method === 'unitForms')?.args).toEqual(['bayu-2023', 'unit_1']);
      expect(screen.getByText(/下载将记入各条报名的记录/)).toBeTruthy();
    } finally {
      restore();
    }

    cleanup();
    renderConsole(
      <UnitPage unitId="unit_1" />,
      fakeConsoleApi({ registrations: async () => [registrationView({ status: 'withdrawn' })] }),
    );
    await screen.findByRole('link', { name: /人工智能训练师/ });
    expect(screen.queryByRole('button', { name: '下载全部报名表（ZIP）' })).toBeNull();
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
  it('sends the pasted numbers and shows only how many the list holds, when and by whom', async () => {
    const user = userEvent.setup();
    let facts: ExclusionFacts = { competitionId: 'bayu-2023', count: 0 };
    const api = fakeConsoleApi({
      exclusions: async () => facts,
      replaceExclusions: async (competitionId, idNumbers) => {
        const updatedAt = '2023-09-01T01:00:00.000Z';
        facts = { competitionId, count: idNumbers.length, updatedAt, actor: 'acc_1', actorName: '张三' };
        return { count: idNumbers.length, updatedAt };
      },
    });
    renderConsole(<ExclusionsPage />, api);
    expect(await screen.findByText('尚未上传排除名单')).toBeTruthy();
    await user.type(screen.getByLabelText(/粘贴身份证号码/), '500103199001010010{enter}11010519491231002X');
    expect(screen.getByText('识别到2个身份证号码')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '用这2个号码替换排除名单' }));
    expect(await screen.findByText('排除名单已更新：共2个身份证号码（2023-09-01 09:00）。')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'replaceExclusions')?.args).toEqual([
      'bayu-2023',
      ['500103199001010010', '11010519491231002X'],
    ]);
    expect((screen.getByLabelText(/粘贴身份证号码/) as HTMLTextAreaElement).value).toBe('');
    expect(await screen.findByText('当前名单共2人，于2023-09-01 09:00由张三更新')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'exclusions')).toHaveLength(2);
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
    // The list holds what the API has: nothing, then the request, then the request built.
    let listed: SummaryView[] = [];
    const api = fakeConsoleApi({
      summaries: async () => listed,
      requestSummary: async () => {
        listed = [requested];
        return requested;
      },
      summary: async () => {
        listed = [ready];
        return ready;
      },
    });
    renderConsole(<SummariesPage />, api);
    expect(await screen.findByText('还没有汇总表。')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '现在生成汇总表' }));
    const card = await screen.findByRole('region', { name: '2023-09-01 09:00 的请求' });
    expect(card.textContent).toContain('已提交请求，等待生成');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('row', { name: /2023-09-01 09:00/ }).textContent).toBe(
      '2023-09-01 09:00按需已提交请求，等待生成大赛执委会',
    );
    await vi.advanceTimersByTimeAsync(3000);
    const link = await within(card).findByRole('link', { name: '参赛信息汇总表.xlsx' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:4569/app/summaries/x.xlsx?signed');
    expect(card.textContent).toContain('已生成');
    await waitFor(() =>
      expect(within(table).getByRole('row', { name: /2023-09-01 09:00/ }).textContent).toContain('已生成'),
    );
    expect(api.calls.filter((c) => c.method === 'summary')).toHaveLength(1);
  });

  it('lists the latest summaries and fetches fresh download links for a ready one', async () => {
    const user = userEvent.setup();
    const file = { scope: 'all', fileName: '全部赛项-参赛信息汇总-2023-09-01.xlsx', bytes: 2_500_000 };
    const nightly: SummaryView = {
      summaryId: 'sum_bayu-2023_20230901',
      kind: 'nightly',
      state: 'ready',
      requestedAt: '2023-09-01T16:30:00.000Z',
      asOf: '2023-09-01T16:30:05.000Z',
      files: [file],
    };
    const failed: SummaryView = {
      summaryId: 'sum_2',
      kind: 'on-demand',
      state: 'failed',
      requestedAt: '2023-09-01T03:00:00.000Z',
      requestedByName: '李四',
      files: [],
    };
    const api = fakeConsoleApi({
      summaries: async () => [nightly, failed],
      summary: async () => ({
        ...nightly,
        downloads: [{ ...file, url: 'http://127.0.0.1:4569/app/summaries/all.xlsx?signed' }],
      }),
    });
    renderConsole(<SummariesPage />, api);

    const table = await screen.findByRole('table', { name: '最近100份汇总表，最新的在前' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['时间', '类型', '状态', '请求人', '下载'],
      ['2023-09-02 00:30', '每晚', '已生成', '系统（每晚自动）', '下载2023-09-02 00:30的汇总表'],
      ['2023-09-01 11:00', '按需', '生成失败', '李四', ''],
    ]);
    expect(api.calls.some((c) => c.method === 'summary')).toBe(false);

    // happy-dom names the button with a space before the visually hidden part; browsers with none.
    await user.click(within(table).getByRole('button', { name: /^下载 ?2023-09-02 00:30的汇总表$/ }));
    const card = await screen.findByRole('region', { name: '2023-09-02 00:30 的汇总表（每晚）' });
    expect(document.activeElement).toBe(card);
    const link = within(card).getByRole('link', { name: file.fileName });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:4569/app/summaries/all.xlsx?signed');
    expect(card.textContent).toContain('（2.4 MB）');
    expect(api.calls.find((c) => c.method === 'summary')?.args).toEqual(['sum_bayu-2023_20230901']);

    await user.click(within(card).getByRole('button', { name: '刷新链接' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'summary')).toHaveLength(2));
  });
});
