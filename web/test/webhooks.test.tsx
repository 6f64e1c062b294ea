// @vitest-environment happy-dom
/** The console's 回调通知 page: the endpoints, a new one with its secret shown once, test, disable, the log. */
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.ts';
import type { DeliveryAttempt, WebhookView } from '../src/console/api.ts';
import { WebhooksPage } from '../src/console/webhooks.tsx';
import { fakeConsoleApi, renderConsole, setNow } from './support.tsx';

beforeEach(() => setNow('2023-09-01T09:00:00+08:00'));
afterEach(cleanup);

const portal: WebhookView = {
  webhookId: 'wh_1',
  url: 'https://portal.example.cn/hooks',
  eventTypes: ['RegistrationSubmitted', 'EligibilityEvaluated'],
  description: '区人社门户',
  enabled: true,
  createdAt: '2023-09-01T01:00:00.000Z',
  createdBy: 'acct_1',
  updatedAt: '2023-09-01T01:00:00.000Z',
};
const goneAway: WebhookView = {
  ...portal,
  webhookId: 'wh_2',
  url: 'https://old.example.cn/hooks',
  description: '旧系统',
  enabled: false,
  disabledAt: '2023-09-01T02:00:00.000Z',
  disabledReason: 'gone',
};
const attempt = (over: Partial<DeliveryAttempt>): DeliveryAttempt => ({
  messageId: 'evt_1',
  eventType: 'RegistrationSubmitted',
  attempt: 1,
  attemptedAt: '2023-09-01T01:05:00.000Z',
  durationMs: 120,
  statusCode: 200,
  outcome: 'delivered',
  ...over,
});

describe('the webhooks page', () => {
  it('lists the endpoints, saying which one a 410 disabled', async () => {
    renderConsole(<WebhooksPage />, fakeConsoleApi({ webhooks: async () => [portal, goneAway] }));
    const [first, second] = await screen.findAllByRole('listitem');
    expect(within(first!).getByRole('heading', { name: '区人社门户' })).toBeTruthy();
    expect(first!.textContent).toContain('启用中');
    expect(first!.textContent).toContain('报名提交、资格审核结果');
    expect(second!.textContent).toContain('接收端返回 410');
    expect(within(second!).getByRole('button', { name: '发送测试通知' }).hasAttribute('disabled')).toBe(true);
  });

  it('registers an endpoint and shows its signing secret once', async () => {
    const api = fakeConsoleApi({
      createWebhook: async (body) => ({
        webhook: { ...portal, url: body.url, eventTypes: body.eventTypes },
        secret: 'whsec_c2lnbmluZy1zZWNyZXQtb2YtMzItYnl0ZXMtbG9uZyE=',
      }),
    });
    renderConsole(<WebhooksPage />, api);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('接收地址'), 'https://portal.example.cn/hooks');
    await user.click(screen.getByLabelText('资格审核结果'));
    await user.click(screen.getByRole('button', { name: '登记并生成签名密钥' }));
    expect(((await screen.findByLabelText('签名密钥')) as HTMLTextAreaElement).value).toMatch(/^whsec_/);
    expect(screen.getByText(/签名密钥只显示这一次/)).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'createWebhook')?.args).toEqual([
      {
        url: 'https://portal.example.cn/hooks',
        eventTypes: ['RegistrationSubmitted', 'EligibilityEvaluated'],
      },
    ]);
  });

  it('shows a refused address next to its field', async () => {
    const api = fakeConsoleApi({
      createWebhook: async () => {
        throw new ApiError(422, 'VALIDATION_FAILED', '填写有误', [
          { path: '/url', code: 'INVALID_VALUE', message: 'must be an https URL' },
        ]);
      },
    });
    renderConsole(<WebhooksPage />, api);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('接收地址'), 'http://portal.example.cn/hooks');
    await user.click(screen.getByRole('button', { name: '登记并生成签名密钥' }));
    expect(await screen.findAllByText('接收地址填写不正确')).not.toHaveLength(0);
    expect(screen.queryByLabelText('签名密钥')).toBeNull();
  });

  it('sends a test message, disables an endpoint and shows its deliveries', async () => {
    const api = fakeConsoleApi({
      webhooks: async () => [portal],
      testWebhook: async () => attempt({ messageId: 'msg_test_1', eventType: 'webhook.test' }),
      changeWebhook: async (_id, change) => ({ ...portal, ...change }),
      webhookDeliveries: async () => [
        attempt({ attempt: 2 }),
        attempt({ statusCode: 500, outcome: 'retrying', nextAttemptAt: '2023-09-01T01:05:05.000Z' }),
      ],
    });
    renderConsole(<WebhooksPage />, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '发送测试通知' }));
    expect(await screen.findByText('测试通知：HTTP 200，已送达')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '停用' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'changeWebhook')).toBe(true));
    expect(api.calls.find((c) => c.method === 'changeWebhook')?.args).toEqual(['wh_1', { enabled: false }]);
    await user.click(screen.getByRole('button', { name: '查看投递记录' }));
    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('时间'),
      expect.stringContaining('HTTP 200，已送达'),
      expect.stringContaining('HTTP 500，失败，将重试'),
    ]);
  });
});
