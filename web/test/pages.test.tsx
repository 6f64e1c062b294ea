// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.ts';
import { App } from '../src/app.tsx';
import { EntryPage } from '../src/pages/entry.tsx';
import { HomePage } from '../src/pages/home.tsx';
import { catchDownloads, fakeApi, registrationView, renderSignedIn, setNow, versioned } from './support.tsx';

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  location.hash = '';
  setNow('2023-09-01T09:00:00+08:00');
});
afterEach(cleanup);

describe('signing in', () => {
  it('says in Chinese that a wrong key is wrong, and keeps a right one for the browser session', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    const wrong = fakeApi({
      me: async () => {
        throw new ApiError(401, 'UNAUTHENTICATED', '访问密钥不正确或已失效');
      },
    });
    render(<App apiFor={(key) => (key === 'bayu_unit_right' ? api : wrong)} />);

    await user.type(screen.getByLabelText('访问密钥'), 'bayu_unit_wrong');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('访问密钥不正确，请核对后重试')).toBeTruthy();
    expect(sessionStorage.length).toBe(0);

    await user.clear(screen.getByLabelText('访问密钥'));
    await user.type(screen.getByLabelText('访问密钥'), 'bayu_unit_right');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('heading', { level: 1, name: '重庆机械技师学院' })).toBeTruthy();
    expect(sessionStorage.getItem('bayu.accessKey')).toBe('bayu_unit_right');

    await user.click(screen.getByRole('button', { name: '退出' }));
    expect(await screen.findByText('已退出登录')).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });
});

describe('the home page', () => {
  it('shows deadlines in Beijing time with days left, places per group and entries in the system words', async () => {
    const api = fakeApi({
      registrations: async () => [
        registrationView(),
        registrationView({ registrationId: 'reg_2', status: 'withdrawn' }),
        registrationView({
          registrationId: 'reg_3',
          trackId: 'machine-vision',
          groupId: 'open',
          status: 'complete',
          contestants: [
            { ...registrationView().contestants[0]!, photo: { status: 'accepted', reasons: [] } },
          ],
        }),
      ],
    });
    renderSignedIn(<HomePage />, api);

    const ai = screen.getByRole('article', { name: '人工智能训练师' });
    expect(ai.textContent).toContain('报名截止：2023-09-28 24:00（北京时间）');
    expect(ai.textContent).toContain('还剩27天');
    const student = await within(ai).findByRole('row', { name: /学生组/ });
    await waitFor(() => expect(student.textContent).toBe('学生组211'));
    expect(within(ai).getByRole('row', { name: /职工组/ }).textContent).toBe('职工组202');
    const mv = screen.getByRole('article', { name: '人工智能与机器视觉技术' });
    expect(mv.textContent).toContain('2023-09-22 24:00');
    expect(within(mv).getByRole('row', { name: /不分组/ }).textContent).toBe('不分组211');

    const entries = screen.getAllByRole('listitem');
    expect(entries[0]!.textContent).toContain('已提交');
    expect(entries[0]!.textContent).toContain('张伟：未上传');
    expect(entries[0]!.textContent).toContain('选手张伟未上传照片');
    expect(entries[1]!.textContent).toContain('已撤回');
    expect(entries[2]!.textContent).toContain('报名完成');
    expect(entries[2]!.textContent).toContain('张伟：合格');
  });

  it('after closing says entries are read-only and offers no new entry', async () => {
    setNow('2023-10-01T09:00:00+08:00');
    renderSignedIn(<HomePage />, fakeApi());
    expect(
      screen.getAllByText('本赛项报名已截止，报名信息只能查看，不能再提交、修改或上传照片。'),
    ).toHaveLength(2);
    expect(screen.getByText('所有赛项的报名均已截止。')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '新增报名' })).toBeNull();
    expect(screen.getAllByText('已截止')).toHaveLength(2);
  });

  it("shows the unit's open override and keeps that track open to it, the other one closed", async () => {
    setNow('2023-09-30T10:00:00+08:00');
    const open = {
      trackId: 'machine-vision',
      reason: '材料邮寄延误，执委会同意补报',
      grantedAt: '2023-09-30T09:00:00+08:00',
      until: '2023-10-02T00:00:00+08:00',
    };
    const ended = {
      ...open,
      trackId: 'ai-trainer',
      grantedAt: '2023-09-29T09:00:00+08:00',
      until: '2023-09-30T09:30:00+08:00',
    };
    renderSignedIn(<HomePage />, fakeApi(), { overrides: [open, ended] });
    const notices = screen.getAllByText(/大赛执委会已同意本单位补报/);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.textContent).toBe(
      '大赛执委会已同意本单位补报，本赛项对本单位开放至2023-10-01 24:00（北京时间）。理由：材料邮寄延误，执委会同意补报',
    );
    expect(notices[0]?.closest('article')?.querySelector('h3')?.textContent).toBe('人工智能与机器视觉技术');
    const closed = screen.getAllByText('本赛项报名已截止，报名信息只能查看，不能再提交、修改或上传照片。');
    expect(closed).toHaveLength(1);
    expect(closed[0]?.closest('article')?.querySelector('h3')?.textContent).toBe('人工智能训练师');
    expect(screen.getByRole('link', { name: '新增报名' })).toBeTruthy();
  });
});

describe('the entry page', () => {
  it('shows masked fields, findings, the history, and withdraws after a confirmation with If-Match', async () => {
    const user = userEvent.setup();
    const navigated: [string, string | undefined][] = [];
    const api = fakeApi({
      registration: async () =>
        versioned(
          registrationView({
            history: [
              ...registrationView().history!,
              {
                version: 2,
                action: 'amended',
                actor: 'portal_1',
                actorName: '渝北区人社局报名平台',
                onBehalfOf: 'unit_1',
                at: '2023-09-01T02:00:00.000Z',
                changedPaths: ['/leader/phone'],
              },
            ],
            eligibility: {
              status: 'review',
              findings: [
                {
                  rule: 'student-enrolment',
                  outcome: 'review',
                  message: '第2名选手以学生身份参赛，却由企业单位报名，请大赛执委会核实。',
                },
              ],
            },
          }),
        ),
      withdraw: async () => {},
    });
    renderSignedIn(<EntryPage registrationId="reg_1" />, api, {
      navigate: (hash, flash) => navigated.push([hash, flash]),
    });
    const first = await screen.findByRole('region', { name: '选手1' });
    expect(first.textContent).toContain('500103********0016');
    expect(first.textContent).toContain('138****1234');
    expect(screen.getByText(/却由企业单位报名/)).toBeTruthy();
    expect(document.querySelector('ol.timeline')?.textContent).toContain(
      '2023-09-01 09:00 提交报名（本单位）',
    );
    expect(document.querySelector('ol.timeline')?.textContent).toContain(
      '2023-09-01 10:00 修改报名（门户“渝北区人社局报名平台”代本单位）',
    );

    await user.click(screen.getByRole('button', { name: '撤回' }));
    const dialog = screen.getByRole('alertdialog', { name: '确定撤回这条报名吗？' });
    expect(document.activeElement).toBe(dialog);
    expect(api.calls.some((c) => c.method === 'withdraw')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: '确认撤回' }));
    await waitFor(() => expect(navigated).toEqual([['#/', '报名已撤回，名额已释放']]));
    expect(api.calls.find((c) => c.method === 'withdraw')?.args).toEqual(['reg_1', 3]);
  });

  it('shows the older history page by page on request, oldest first', async () => {
    const user = userEvent.setup();
    const entry = (version: number, action: 'submitted' | 'photo-upload-granted', at: string) => ({
      version,
      action,
      actor: 'unit_1',
      at,
      changedPaths: [],
    });
    const pages: Record<string, { items: ReturnType<typeof entry>[]; cursor?: string }> = {
      c1: { items: [entry(2, 'photo-upload-granted', '2023-09-01T02:00:00.000Z')], cursor: 'c2' },
      c2: { items: [entry(1, 'submitted', '2023-09-01T01:00:00.000Z')] },
    };
    const api = fakeApi({
      registration: async () =>
        versioned(
          registrationView({
            version: 3,
            history: [entry(3, 'photo-upload-granted', '2023-09-01T03:00:00.000Z')],
            historyCursor: 'c1',
          }),
        ),
      olderHistory: async (_id, cursor) => pages[cursor]!,
    });
    renderSignedIn(<EntryPage registrationId="reg_1" />, api);
    const timeline = () =>
      [...document.querySelectorAll('ol.timeline li time')].map((t) => t.getAttribute('datetime'));
    await screen.findByRole('button', { name: '显示更早的记录' });
    expect(timeline()).toEqual(['2023-09-01T03:00:00.000Z']);
    await user.click(screen.getByRole('button', { name: '显示更早的记录' }));
    await waitFor(() => expect(timeline()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: '显示更早的记录' }));
    await waitFor(() =>
      expect(timeline()).toEqual([
        '2023-09-01T01:00:00.000Z',
        '2023-09-01T02:00:00.000Z',
        '2023-09-01T03:00:00.000Z',
      ]),
    );
    expect(screen.queryByRole('button', { name: '显示更早的记录' })).toBeNull();
    expect(api.calls.filter((c) => c.method === 'olderHistory').map((c) => c.args)).toEqual([
      ['reg_1', 'c1'],
      ['reg_1', 'c2'],
    ]);
  });

  it('offers the 附件4 form of a complete entry, saved under the name the API gives, after closing too', async () => {
    setNow('2023-10-01T09:00:00+08:00');
    const user = userEvent.setup();
    const { saved, restore } = catchDownloads();
    try {
      const api = fakeApi({
        registration: async () => versioned(registrationView({ status: 'complete' })),
        entryForm: async () => ({ fileName: '报名表-张伟.docx', blob: new Blob(['PK']) }),
      });
      renderSignedIn(<EntryPage registrationId="reg_1" />, api);
      const section = await screen.findByRole('region', { name: '报名表（附件4）' });
      expect(section.textContent).toContain('加盖公章');
      expect(section.textContent).toContain('检录');
      await user.click(within(section).getByRole('button', { name: '下载报名表（附件4）' }));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(saved[0]!.name).toBe('报名表-张伟.docx');
      expect(saved[0]!.href).toMatch(/^blob:/);
      expect(api.calls.find((c) => c.method === 'entryForm')?.args).toEqual(['reg_1']);
    } finally {
      restore();
    }
  });

  it('offers no form while the entry is not complete, and says why a download failed', async () => {
    renderSignedIn(
      <EntryPage registrationId="reg_1" />,
      fakeApi({ registration: async () => versioned(registrationView({ status: 'submitted' })) }),
    );
    await screen.findByRole('region', { name: '选手1' });
    expect(screen.queryByRole('button', { name: '下载报名表（附件4）' })).toBeNull();

    cleanup();
    const user = userEvent.setup();
    renderSignedIn(
      <EntryPage registrationId="reg_1" />,
      fakeApi({
        registration: async () => versioned(registrationView({ status: 'complete' })),
        entryForm: async () => {
          throw new ApiError(404, 'NOT_FOUND', '找不到这条记录');
        },
      }),
    );
    await user.click(await screen.findByRole('button', { name: '下载报名表（附件4）' }));
    expect((await screen.findByRole('alert')).textContent).toBe('找不到这条记录');
  });

  it('is read-only after its track closed, with the notice', async () => {
    setNow('2023-10-01T09:00:00+08:00');
    renderSignedIn(
      <EntryPage registrationId="reg_1" />,
      fakeApi({ registration: async () => versioned(registrationView()) }),
    );
    expect(await screen.findByText(/本赛项报名已于2023-09-28 24:00（北京时间）截止/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '撤回' })).toBeNull();
    expect(screen.queryByRole('link', { name: '修改' })).toBeNull();
    expect(screen.queryByLabelText(/选择张伟的照片/)).toBeNull();
  });
});
