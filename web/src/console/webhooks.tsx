/**
 * 回调通知 (webhooks): the secretariat's endpoints, a new one (its signing secret shown once), and for each its
 * delivery attempts, a test message and 停用 / 重新启用.
 */
import { useState } from 'preact/hooks';
import { type FeedEventType, feedEventTypes } from '#shared/domain/change-feed.ts';
import { ErrorSummary, Notice, TextField } from '../fields.tsx';
import { beijingMinute } from '../time.ts';
import type { WebhookView } from './api.ts';
import { useConsole } from './context.ts';
import { requiredErrors, useConsoleForm, useSubmission } from './form.ts';
import { KeyOnce } from './key-once.tsx';
import { type Loaded, problemText, useLoad } from './load.ts';

const eventTypeZh: Record<FeedEventType, string> = {
  RegistrationSubmitted: '报名提交',
  RegistrationAmended: '报名修改',
  RegistrationWithdrawn: '报名撤回',
  RegistrationRejected: '报名被驳回',
  RegistrationCompleted: '报名完成',
  RegistrationExpired: '报名过期',
  EligibilityEvaluated: '资格审核结果',
  PhotoAccepted: '照片通过',
  PhotoRejected: '照片未通过',
  TrackClosed: '赛项截止',
  OverrideEnded: '补报结束',
  SummaryRequested: '汇总表已请求',
  SummaryPublished: '汇总表已生成',
};

const outcomeZh: Record<string, string> = {
  delivered: '已送达',
  retrying: '失败，将重试',
  'gave-up': '已放弃',
  'endpoint-disabled': '接收端返回 410，已停用',
};

const errorZh: Record<string, string> = {
  'address-refused': '地址不允许',
  dns: '域名无法解析',
  connection: '无法连接',
  timeout: '15 秒内无响应',
};

const labels: Record<string, string> = { '/url': '接收地址', '/description': '说明' };

export function WebhooksPage() {
  const { api } = useConsole();
  const webhooks = useLoad(() => api.webhooks(), [], '回调地址');
  const form = useConsoleForm({ '/url': '', '/description': '' });
  const [types, setTypes] = useState<FeedEventType[]>(['RegistrationSubmitted']);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const { problem, setProblem, busy, run } = useSubmission(form, labels, '创建未成功，请重试');

  const submit = (event: Event) => {
    event.preventDefault();
    setProblem(null);
    if (!form.report(requiredErrors(form.values, { '/url': labels['/url']! }))) return;
    if (types.length === 0) {
      setProblem('请至少选择一种事件');
      return;
    }
    return run(async () => {
      const description = form.values['/description']?.trim();
      const { webhook, secret } = await api.createWebhook({
        url: form.values['/url']!.trim(),
        eventTypes: types,
        ...(description ? { description } : {}),
      });
      setCreated({ url: webhook.url, secret });
      form.reset();
      webhooks.reload();
    });
  };

  const toggle = (type: FeedEventType, on: boolean) =>
    setTypes((current) => (on ? [...current, type] : current.filter((t) => t !== type)));

  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">回调通知</h1>
      <p>报名有变化时，系统向登记的地址发送带签名的通知（Standard Webhooks），内容只含编号和状态。</p>
      <h2>新增接收地址</h2>
      {created && (
        <section class="card" aria-labelledby="webhook-created-title">
          <h3 id="webhook-created-title">已登记：{created.url}</h3>
          <KeyOnce
            id="webhook-secret"
            label="签名密钥"
            text={created.secret}
            notice="签名密钥只显示这一次。请现在复制并交给接收方，用于核验通知的签名。"
          />
        </section>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} onPick={form.pick} />
      <form noValidate onSubmit={submit} aria-label="新增接收地址">
        <TextField
          f={form.f}
          path="/url"
          label="接收地址"
          autoComplete="off"
          placeholder="https://portal.example.cn/hooks"
        />
        <TextField f={form.f} path="/description" label="说明" autoComplete="off" maxLength={200} />
        <fieldset>
          <legend>接收的事件</legend>
          {feedEventTypes.map((type) => (
            <div class="field checkbox" key={type}>
              <input
                id={`event-${type}`}
                type="checkbox"
                checked={types.includes(type)}
                onChange={(e) => toggle(type, e.currentTarget.checked)}
              />
              <label for={`event-${type}`}>{eventTypeZh[type]}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? '正在登记…' : '登记并生成签名密钥'}
        </button>
      </form>

      <h2>接收地址</h2>
      <ListState loaded={webhooks} empty="还没有接收地址。" />
      <ul class="entries">
        {(webhooks.data ?? []).map((w) => (
          <Endpoint key={w.webhookId} webhook={w} onChanged={webhooks.reload} />
        ))}
      </ul>
    </section>
  );
}

function Endpoint({ webhook, onChanged }: { webhook: WebhookView; onChanged: () => void }) {
  const { api } = useConsole();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: 'success', text: await work() });
      onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: problemText(error, '操作未成功，请重试') });
    } finally {
      setBusy(false);
    }
  };
  const test = () =>
    act(async () => {
      const attempt = await api.testWebhook(webhook.webhookId);
      return `测试通知：${attemptText(attempt)}`;
    });
  const setEnabled = (enabled: boolean) =>
    act(async () => {
      await api.changeWebhook(webhook.webhookId, { enabled });
      return enabled ? '已重新启用' : '已停用';
    });

  return (
    <li class="card">
      <h3>{webhook.description || webhook.url}</h3>
      {webhook.description && <p>{webhook.url}</p>}
      <p>
        {webhook.enabled
          ? '启用中'
          : webhook.disabledReason === 'gone'
            ? '已停用：接收端返回 410（不再需要通知）'
            : '已停用'}
        ；接收：{webhook.eventTypes.map((t) => eventTypeZh[t as FeedEventType] ?? t).join('、')}
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy || !webhook.enabled} onClick={test}>
          发送测试通知
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => setEnabled(!webhook.enabled)}>
          {webhook.enabled ? '停用' : '重新启用'}
        </button>
        <button type="button" class="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '收起投递记录' : '查看投递记录'}
        </button>
      </div>
      {open && <Deliveries webhookId={webhook.webhookId} />}
    </li>
  );
}

const attemptText = (a: { statusCode?: number; error?: string; outcome: string }) =>
  `${a.statusCode !== undefined ? `HTTP ${a.statusCode}` : (errorZh[a.error ?? ''] ?? a.error)}，${outcomeZh[a.outcome] ?? a.outcome}`;

function Deliveries({ webhookId }: { webhookId: string }) {
  const { api } = useConsole();
  const attempts = useLoad(() => api.webhookDeliveries(webhookId), [webhookId], '投递记录');
  if (!attempts.data?.length) return <ListState loaded={attempts} empty="还没有投递记录。" />;
  return (
    <table>
      <caption>投递记录（最新在前）</caption>
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">事件</th>
          <th scope="col">第几次</th>
          <th scope="col">结果</th>
          <th scope="col">下次重试</th>
        </tr>
      </thead>
      <tbody>
        {attempts.data.map((a) => (
          <tr key={`${a.messageId}-${a.attempt}`}>
            <td>{beijingMinute(a.attemptedAt)}</td>
            <td>
              {eventTypeZh[a.eventType as FeedEventType] ??
                (a.eventType === 'webhook.test' ? '测试' : a.eventType)}
            </td>
            <td>{a.attempt}</td>
            <td>{attemptText(a)}</td>
            <td>{a.nextAttemptAt ? beijingMinute(a.nextAttemptAt) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a list says instead of its items: why it could not load, that it is loading, or that it is empty. */
function ListState({ loaded, empty }: { loaded: Loaded<unknown[]>; empty: string }) {
  if (loaded.problem) return <Notice kind="error">{loaded.problem}</Notice>;
  if (!loaded.data) return <p role="status">正在载入…</p>;
  return loaded.data.length === 0 ? <p>{empty}</p> : null;
}
