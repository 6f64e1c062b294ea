// @vitest-environment happy-dom
/**
 * The console's 门户 page (admins): a new portal client with the units and districts it acts for and its
 * scopes (its key shown once), the portals listed with whom they act for, and a portal's key revoked.
 */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App, PORTAL_KEY_MESSAGE } from '../src/app.tsx';
import { PortalsPage } from '../src/console/portals.tsx';
import type { PortalView } from '../src/types.ts';
import { admin, fakeConsoleApi, renderConsole, school } from './support.tsx';

afterEach(cleanup);

const existing: PortalView = {
  portalId: 'portal_1',
  name: '九龙坡区人社局报名平台',
  contact: { name: '赵磊', email: 'portal@example.cn' },
  unitIds: ['unit_1'],
  districts: ['沙坪坝区'],
  scopes: ['registrations:read', 'events:read'],
  createdAt: '2023-08-01T01:00:00.000Z',
  createdBy: 'acc_0',
};
const TOKEN = 'bayu_portal_4kTq9ZbW2mXc7RfL0pYs3NhV8jDe6GaU_1x9Qz';

describe("a portal's key", () => {
  it('does not sign in to the web app, and says what it is for', async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      me: async () => ({
        kind: 'portal',
        portal: existing,
        key: { keyId: 'key_p1', hint: 'bayu_portal_…9Qz1' },
      }),
    });
    render(<App apiFor={() => api} consoleApiFor={() => api} />);
    await user.type(screen.getByLabelText('访问密钥'), TOKEN);
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText(PORTAL_KEY_MESSAGE)).toBeTruthy();
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });
});

describe('the 门户 page', () => {
  it('creates a portal for units and districts with the scopes chosen, and shows its key once', async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      portals: async () => [existing],
      createPortal: async (input) => ({
        token: TOKEN,
        created: { ...existing, ...input, portalId: 'portal_2', contact: { ...input.contact } },
      }),
    });
    renderConsole(<PortalsPage />, api, admin);
    const card = await screen.findByRole('heading', { name: '九龙坡区人社局报名平台' });
    expect(card.parentElement?.textContent).toContain(`代办：${school.name}、沙坪坝区（全区）`);
    expect(card.parentElement?.textContent).toContain('权限：查看报名、读取变更流');

    // Nothing to act for yet: the form says so, and nothing is sent.
    await user.type(screen.getByLabelText('门户名称'), '渝北区人社局报名平台');
    await user.type(screen.getByLabelText('联系人姓名'), '赵磊');
    await user.type(screen.getByLabelText('联系人电子邮箱'), 'p@example.cn');
    await user.click(screen.getByRole('button', { name: '创建门户并生成门户密钥' }));
    expect(await screen.findByText('可代办的单位：请选择单位或填写区县')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'createPortal')).toBe(false);

    await user.type(screen.getByLabelText(/可代办的区县/), '渝北区、江北区');
    await user.click(screen.getByLabelText(`${school.name}（${school.district}）`));
    await user.click(screen.getByLabelText('提交、修改、撤回报名'));
    await user.click(screen.getByRole('button', { name: '创建门户并生成门户密钥' }));

    const key = (await screen.findByLabelText('渝北区人社局报名平台的门户密钥')) as HTMLTextAreaElement;
    expect(key.value).toBe(TOKEN);
    expect(api.calls.find((c) => c.method === 'createPortal')?.args).toEqual([
      {
        name: '渝北区人社局报名平台',
        contact: { name: '赵磊', email: 'p@example.cn' },
        unitIds: ['unit_1'],
        districts: ['渝北区', '江北区'],
        scopes: ['registrations:read', 'events:read', 'registrations:write'],
      },
    ]);
  });

  it("lists a portal's keys on demand and revokes one after a confirmation", async () => {
    const user = userEvent.setup();
    const api = fakeConsoleApi({
      portals: async () => [existing],
      keys: async () => [
        {
          keyId: 'key_p1',
          kind: 'portal',
          hint: 'bayu_portal_…9Qz1',
          createdAt: '2023-08-01T01:00:00.000Z',
          createdBy: 'acc_0',
        },
      ],
      revokeKey: async () => {},
    });
    renderConsole(<PortalsPage />, api, admin);
    await user.click(await screen.findByRole('button', { name: '查看九龙坡区人社局报名平台的门户密钥' }));
    await user.click(await screen.findByRole('button', { name: '撤销 bayu_portal_…9Qz1' }));
    const dialog = screen.getByRole('alertdialog', { name: '确定撤销访问密钥 bayu_portal_…9Qz1 吗？' });
    await user.click(within(dialog).getByRole('button', { name: '确认撤销' }));
    expect(await screen.findByText('访问密钥 bayu_portal_…9Qz1 已撤销，立即失效')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'keys')?.args).toEqual(['portal_1']);
    expect(api.calls.find((c) => c.method === 'revokeKey')?.args).toEqual(['key_p1']);
  });
});
