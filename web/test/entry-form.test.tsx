// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.ts';
import { EntryFormPage } from '../src/pages/entry-form.tsx';
import type { EntryBody } from '../src/types.ts';
import {
  edition,
  fakeApi,
  registrationView,
  renderSignedIn,
  school,
  setNow,
  verdict,
  versioned,
} from './support.tsx';

const STUDENT_1 = '500103200503010016';
const STUDENT_2 = '500103200507120028';
const WRONG_CHECK_DIGIT = '500103200503010017';

type User = ReturnType<typeof userEvent.setup>;

const contestant = (n: number) => screen.getByRole('group', { name: `选手${n}` });

async function fillText(user: User, input: HTMLElement, value: string) {
  await user.clear(input);
  await user.click(input);
  await user.paste(value);
}

/** An AI-trainer student team of a school, every field valid. */
async function fillStudentTeam(user: User, ids = [STUDENT_1, STUDENT_2]) {
  await user.selectOptions(screen.getByLabelText('参加赛项'), 'ai-trainer');
  await user.selectOptions(screen.getByLabelText('组别'), 'student');
  await fillText(user, screen.getByLabelText('领队姓名'), '王强');
  await fillText(user, screen.getByLabelText('领队手机号码'), '13700001234');
  await fillText(user, screen.getByLabelText('指导教师姓名'), '陈老师');
  await fillText(user, screen.getByLabelText('指导教师手机号码'), '13600005678');
  const people = [
    { name: '张伟', gender: 'male', phone: '13812341234' },
    { name: '李娜', gender: 'female', phone: '13812345678' },
  ];
  for (const [i, person] of people.entries()) {
    const box = within(contestant(i + 1));
    await fillText(user, box.getByLabelText('姓名'), person.name);
    await user.selectOptions(box.getByLabelText('性别'), person.gender);
    await fillText(user, box.getByLabelText('身份证号码'), ids[i]!);
    await user.selectOptions(box.getByLabelText('文化程度'), 'associate');
    await fillText(user, box.getByLabelText('手机号码'), person.phone);
    await fillText(user, box.getByLabelText('通讯地址'), '重庆市九龙坡区杨家坪正街1号');
    await fillText(user, box.getByLabelText('邮编'), '400050');
    await user.selectOptions(box.getByLabelText('参加身份'), 'student');
    await user.selectOptions(box.getByLabelText('现职业资格等级'), 'none');
    await user.click(box.getByLabelText('本人为重庆各类院校全日制在校在籍学生'));
  }
}

beforeEach(() => {
  localStorage.clear();
  setNow('2023-09-01T09:00:00+08:00');
});
afterEach(cleanup);

describe('the entry form', () => {
  it('labels every field with 附件4 words and holds one fieldset per contestant', async () => {
    const user = userEvent.setup();
    renderSignedIn(<EntryFormPage />, fakeApi());
    await user.selectOptions(screen.getByLabelText('参加赛项'), 'ai-trainer');
    await user.selectOptions(screen.getByLabelText('组别'), 'student');
    expect(screen.getByLabelText('指导教师姓名')).toBeTruthy();
    for (const n of [1, 2]) {
      const box = within(contestant(n));
      for (const label of ['姓名', '性别', '身份证号码', '文化程度', '所学专业（选填）', '手机号码']) {
        expect(box.getByLabelText(label)).toBeTruthy();
      }
      for (const label of ['通讯地址', '邮编', '参加身份', '现职业资格等级', '从事本职业年限（选填）']) {
        expect(box.getByLabelText(label)).toBeTruthy();
      }
      expect(box.getByLabelText('身份证号码').getAttribute('type')).toBe('text');
      expect(box.getByLabelText('手机号码').getAttribute('inputmode')).toBe('tel');
    }
  });

  it('offers only the groups the unit kind may enter', async () => {
    const user = userEvent.setup();
    renderSignedIn(<EntryFormPage />, fakeApi(), {
      unit: { ...school, kind: 'enterprise' },
    });
    await user.selectOptions(screen.getByLabelText('参加赛项'), 'ai-trainer');
    const groups = within(screen.getByLabelText('组别')).getAllByRole('option');
    expect(groups.map((o) => o.textContent)).toEqual(['请选择', '职工组']);
  });

  it("shows the Chinese error at 选手1's 身份证号码 for a wrong check digit, and the summary takes focus", async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderSignedIn(<EntryFormPage />, api);
    await fillStudentTeam(user, [WRONG_CHECK_DIGIT, STUDENT_2]);

    await user.click(screen.getByRole('button', { name: '提交报名' }));

    const input = within(contestant(1)).getByLabelText('身份证号码');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    const message = describedBy
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(message).toContain('身份证号码的校验位（最后一位）不正确');
    const summary = screen.getByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('选手1 身份证号码：身份证号码的校验位（最后一位）不正确');
    expect(within(contestant(2)).getByLabelText('身份证号码').getAttribute('aria-invalid')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'submit')).toHaveLength(0);

    // The summary's link leads to the input.
    await user.click(within(summary).getByRole('link'));
    expect(document.activeElement).toBe(input);
  });

  it('checks a field when it is left, and clears the error once it is fixed', async () => {
    const user = userEvent.setup();
    renderSignedIn(<EntryFormPage />, fakeApi());
    await user.selectOptions(screen.getByLabelText('参加赛项'), 'machine-vision');
    const phone = screen.getByLabelText('领队手机号码');
    await fillText(user, phone, '1234');
    expect(phone.getAttribute('aria-invalid')).toBeNull();
    await user.tab();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('领队手机号码应为11位手机号码（以13至19开头）')).toBeTruthy();
    await fillText(user, phone, '13700001234');
    expect(phone.getAttribute('aria-invalid')).toBeNull();
  });

  it("puts the server's 422 field errors on the right inputs", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      submit: async () => {
        throw new ApiError(422, 'VALIDATION_FAILED', '有信息填写不正确', [
          {
            path: '/contestants/1/idNumber',
            code: 'DUPLICATE_PERSON',
            message: 'same ID number as contestant 0',
          },
          { path: '/leader/phone', code: 'INVALID_PHONE', message: 'must be a mainland mobile number' },
        ]);
      },
    });
    renderSignedIn(<EntryFormPage />, api);
    await fillStudentTeam(user);
    await user.click(screen.getByRole('button', { name: '提交报名' }));

    const second = within(contestant(2)).getByLabelText('身份证号码');
    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));
    expect(within(contestant(2)).getByText('身份证号码与选手1相同，同一人只能报名一次')).toBeTruthy();
    expect(within(contestant(1)).getByLabelText('身份证号码').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('领队手机号码').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));
  });

  it('keeps the draft across a remount and submits it with one Idempotency-Key per draft', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const api = fakeApi({
      submit: async () => {
        attempts += 1;
        if (attempts === 1) throw new ApiError(503, 'SERVICE_UNAVAILABLE', '系统暂时繁忙');
        return versioned(registrationView());
      },
    });
    const first = renderSignedIn(<EntryFormPage />, api);
    await fillStudentTeam(user);
    first.unmount();

    const navigated: string[] = [];
    renderSignedIn(<EntryFormPage />, api, { navigate: (hash) => navigated.push(hash) });
    expect((within(contestant(2)).getByLabelText('身份证号码') as HTMLInputElement).value).toBe(STUDENT_2);
    expect((screen.getByLabelText('指导教师姓名') as HTMLInputElement).value).toBe('陈老师');

    await user.click(screen.getByRole('button', { name: '提交报名' }));
    await screen.findByText('系统暂时繁忙');
    await user.click(screen.getByRole('button', { name: '提交报名' }));
    await waitFor(() => expect(navigated).toEqual(['#/entries/reg_1']));

    const keys = api.calls.filter((c) => c.method === 'submit').map((c) => c.args[2]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(localStorage.length).toBe(0);
  });

  it('amends with If-Match, the masked numbers sent back as shown; a conflict reloads the entry and says so', async () => {
    const user = userEvent.setup();
    let amends = 0;
    const api = fakeApi({
      amend: async () => {
        amends += 1;
        if (amends === 1)
          throw new ApiError(
            409,
            'VERSION_CONFLICT',
            '这条报名已在别处被修改，已重新载入最新内容，请核对后再提交',
          );
        return versioned(registrationView({ version: 5 }));
      },
      registration: async () =>
        versioned(registrationView({ version: 4, leader: { name: '赵刚', phone: '137****1234' } })),
    });
    const navigated: string[] = [];
    renderSignedIn(<EntryFormPage existing={versioned(registrationView())} />, api, {
      navigate: (hash) => navigated.push(hash),
    });
    expect(screen.getByText(/号码不变时保持原样即可/)).toBeTruthy();
    const first = within(contestant(1));
    expect((first.getByLabelText('姓名') as HTMLInputElement).value).toBe('张伟');
    expect((first.getByLabelText('身份证号码') as HTMLInputElement).value).toBe('500103********0016');

    // A mask edited by hand is no longer the stored number: the browser judges it like any other value.
    await fillText(user, first.getByLabelText('身份证号码'), '500103********0017');
    await user.click(screen.getByRole('button', { name: '保存修改' }));
    expect(await screen.findByRole('link', { name: /选手1.*身份证号码/ })).toBeTruthy();
    expect(amends).toBe(0);

    await fillText(user, first.getByLabelText('身份证号码'), '500103********0016');
    await fillText(user, first.getByLabelText('通讯地址'), '重庆市九龙坡区杨家坪正街2号');
    await user.click(screen.getByRole('button', { name: '保存修改' }));
    expect(await screen.findByText(/已在别处被修改，已重新载入最新内容/)).toBeTruthy();
    expect((screen.getByLabelText('领队姓名') as HTMLInputElement).value).toBe('赵刚');
    expect((first.getByLabelText('通讯地址') as HTMLInputElement).value).toBe('重庆市九龙坡区杨家坪正街1号');

    await fillText(user, first.getByLabelText('手机号码'), '13812341234');
    await user.click(screen.getByRole('button', { name: '保存修改' }));
    await waitFor(() => expect(navigated).toEqual(['#/entries/reg_1']));
    const amended = api.calls.filter((c) => c.method === 'amend');
    expect(amended.map((c) => c.args[2])).toEqual([3, 4]);
    const sent = amended[1]?.args[1] as EntryBody;
    expect([sent.leader.phone, sent.advisor?.phone]).toEqual(['137****1234', '136****5678']);
    expect(sent.contestants.map((c) => [c.idNumber, c.phone])).toEqual([
      ['500103********0016', '13812341234'],
      ['500103********0028', '138****1234'],
    ]);
  });

  it('runs 检查资格 through the validate endpoint and shows the findings', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      validate: async () => ({
        ...verdict('review'),
        findings: [
          {
            rule: 'student-enrolment',
            outcome: 'review',
            message:
              '第1名选手以学生身份参赛，但报名未声明其为重庆各类院校全日制在校在籍学生，请大赛执委会核实。',
          },
        ],
      }),
    });
    renderSignedIn(<EntryFormPage />, api);
    await fillStudentTeam(user);
    await user.click(screen.getByRole('button', { name: '检查资格' }));
    expect(await screen.findByText('资格检查：需大赛执委会人工复核')).toBeTruthy();
    expect(screen.getByText(/请大赛执委会核实/)).toBeTruthy();
    const body = api.calls.find((c) => c.method === 'validate')?.args[1] as { contestants: unknown[] };
    expect(body.contestants).toHaveLength(2);
  });

  it('refuses a machine-vision entry after its closing and says why', async () => {
    setNow('2023-09-25T10:00:00+08:00');
    const user = userEvent.setup();
    localStorage.setItem(
      'bayu.draft.unit_1',
      JSON.stringify({
        form: { ...JSON.parse(JSON.stringify(emptyDraft())), trackId: 'machine-vision', groupId: 'open' },
        idempotencyKey: 'k1',
        savedAt: '',
      }),
    );
    renderSignedIn(<EntryFormPage />, fakeApi());
    const option = within(screen.getByLabelText('参加赛项')).getByRole('option', {
      name: /人工智能与机器视觉技术/,
    });
    expect((option as HTMLOptionElement).disabled).toBe(true);
    expect(option.textContent).toContain('报名已于2023-09-22 24:00截止');
    expect(screen.getByText(/人工智能与机器视觉技术的报名已于2023-09-22 24:00（北京时间）截止/)).toBeTruthy();
    expect((screen.getByRole('button', { name: '提交报名' }) as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('参加赛项'), 'ai-trainer');
    expect((screen.getByRole('button', { name: '提交报名' }) as HTMLButtonElement).disabled).toBe(false);
    expect(edition.tracks).toHaveLength(2);
  });
});

function emptyDraft() {
  return {
    trackId: '',
    groupId: '',
    leader: { name: '', phone: '' },
    advisor: { name: '', phone: '' },
    contestants: [],
  };
}
