/**
 * 参赛单位: list and search the units, create one (its key shown once with a hand-over text in Chinese), and a
 * unit's page with its entries, its keys (hints only; rotate, revoke) and the mails sent to it.
 */
import { useState } from 'preact/hooks';
import type { Edition } from '#shared/domain/edition.ts';
import { unitKindZh } from '#shared/domain/labels-zh.ts';
import type { TemplateName } from '#shared/domain/mail/templates.ts';
import { validateUnitInput } from '#shared/domain/registration-validation.ts';
import { ApiError } from '../api.ts';
import { DownloadButton } from '../download.tsx';
import { Confirm, ErrorSummary, Notice, SelectField, TextField } from '../fields.tsx';
import { ListedFacts } from '../pages/state-facts.tsx';
import { beijingMinute, deadlineText } from '../time.ts';
import type { UnitView } from '../types.ts';
import type { KeyRecord, MailRecord } from './api.ts';
import { useConsole } from './context.ts';
import { requiredErrors, serverErrors, useConsoleForm } from './form.ts';
import { KeyOnce } from './key-once.tsx';
import { problemText, useLoad } from './load.ts';
import { EntryHeading } from './parts.tsx';

/** What a new unit's contact reads: where to go, the key, what to do, and the deadlines. */
export function handOverText(
  unit: Pick<UnitView, 'name'>,
  token: string,
  edition: Edition,
  site: string,
): string {
  const deadlines = edition.tracks
    .map((t) => `${t.name}：${deadlineText(t.closesAt, edition.timeZone)}`)
    .join('；');
  return [
    `${unit.name}：`,
    `贵单位的“巴渝工匠”杯参赛报名账户已开通。`,
    `报名网址：${site}`,
    `访问密钥：${token}`,
    '请用浏览器打开报名网址，输入访问密钥登录，按页面提示填写选手信息并上传2寸红底免冠照片。',
    `报名截止时间（北京时间）：${deadlines}。`,
    '访问密钥相当于密码，请妥善保管，不要转发给无关人员；如遗失或泄露，请联系大赛执委会更换。',
    '大赛执委会',
  ].join('\n');
}

/** The address units open: this page's own origin. */
const site = () => `${location.origin}/`;

const unitLabels: Record<string, string> = {
  '/name': '单位名称',
  '/kind': '单位类型',
  '/district': '所在区县',
  '/contact/name': '联系人姓名',
  '/contact/phone': '联系电话',
  '/contact/email': '电子邮箱',
};

export function UnitsPage() {
  const { api } = useConsole();
  const units = useLoad(() => api.units(), [], '参赛单位');
  const [query, setQuery] = useState('');
  const q = query.trim();
  const shown = (units.data ?? []).filter(
    (u) => !q || u.name.includes(q) || (u.district ?? '').includes(q) || u.contact.name.includes(q),
  );
  return (
    <section aria-labelledby="units-title">
      <h1 id="units-title">参赛单位</h1>
      <CreateUnit onCreated={units.reload} />

      <h2>单位名单</h2>
      <div class="field">
        <label for="unit-search">查找单位（名称、区县或联系人）</label>
        <input
          id="unit-search"
          type="search"
          value={query}
          autoComplete="off"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      {units.problem && <Notice kind="error">{units.problem}</Notice>}
      {!units.data && !units.problem && <p role="status">正在载入…</p>}
      {units.data && (
        <p role="status">
          共{units.data.length}个单位{q ? `，符合${shown.length}个` : ''}
        </p>
      )}
      <ul class="entries">
        {shown.map((u) => (
          <li class="card" key={u.unitId}>
            <h3>
              <a href={`#/console/units/${u.unitId}`}>{u.name}</a>
            </h3>
            <p>
              {unitKindZh[u.kind]}
              {u.district ? ` · ${u.district}` : ''} · 联系人：{u.contact.name}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CreateUnit({ onCreated }: { onCreated: () => void }) {
  const { api, edition } = useConsole();
  const form = useConsoleForm({
    '/name': '',
    '/kind': '',
    '/district': '',
    '/contact/name': '',
    '/contact/phone': '',
    '/contact/email': '',
  });
  const [created, setCreated] = useState<{ unit: UnitView; token: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = form.values;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const body = {
      name: v['/name']!.trim(),
      kind: v['/kind'],
      ...(v['/district']!.trim() ? { district: v['/district']!.trim() } : {}),
      contact: {
        name: v['/contact/name']!.trim(),
        phone: v['/contact/phone']!.trim(),
        email: v['/contact/email']!.trim(),
      },
    };
    // The server's own validation first, so mistakes show beside their fields without a round trip.
    const { '/district': _optional, ...required } = unitLabels;
    const missing = requiredErrors(v, required);
    const checked = validateUnitInput(body);
    const errors = missing.length > 0 ? missing : checked.ok ? [] : serverErrors(checked.errors, unitLabels);
    if (!form.report(errors)) return;
    if (!checked.ok) return setProblem('单位信息填写不正确，请核对后重试');
    setBusy(true);
    try {
      const { created: unit, token } = await api.createUnit(checked.value);
      setCreated({ unit, token });
      form.reset();
      onCreated();
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0)
        form.report(serverErrors(error.errors, unitLabels));
      setProblem(problemText(error, '创建未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2>新增参赛单位</h2>
      {created && (
        <section class="card" aria-labelledby="created-title">
          <h3 id="created-title">已创建：{created.unit.name}</h3>
          <KeyOnce
            id="unit-hand-over"
            label="交付说明（含访问密钥）"
            text={handOverText(created.unit, created.token, edition, site())}
          />
          <p>
            <a href={`#/console/units/${created.unit.unitId}`}>查看该单位</a>
          </p>
        </section>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} onPick={form.pick} />
      <form noValidate onSubmit={submit} aria-label="新增参赛单位">
        <TextField f={form.f} path="/name" label="单位名称" autoComplete="organization" maxLength={100} />
        <SelectField
          f={form.f}
          path="/kind"
          label="单位类型"
          options={[
            { value: 'enterprise', label: unitKindZh.enterprise },
            { value: 'school', label: unitKindZh.school },
          ]}
        />
        <TextField f={form.f} path="/district" label="所在区县" optional maxLength={20} />
        <TextField f={form.f} path="/contact/name" label="联系人姓名" autoComplete="name" />
        <TextField f={form.f} path="/contact/phone" label="联系电话" autoComplete="tel" inputMode="tel" />
        <TextField f={form.f} path="/contact/email" label="电子邮箱" autoComplete="email" />
        <button type="submit" disabled={busy}>
          {busy ? '正在创建…' : '创建单位并生成访问密钥'}
        </button>
      </form>
    </>
  );
}

const templateZh: Record<TemplateName, string> = {
  'receipt-submitted': '报名回执（提交）',
  'receipt-amended': '报名回执（修改）',
  'receipt-withdrawn': '报名回执（撤回）',
  'eligibility-result': '资格审核结果',
  'registration-rejected': '报名未通过',
  'photo-rejected': '照片不合格',
  'registration-complete': '报名完成',
  'deadline-reminder': '截止提醒',
  'closing-notice': '报名截止通知',
  'closing-report': '报名截止报告',
  'purge-report': '个人信息删除报告',
  'override-ended-notice': '补报期限结束通知',
  'override-ended-report': '补报期限结束报告',
};

const mailStatusZh: Record<MailRecord['status'], string> = {
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
};

export function UnitPage({ unitId }: { unitId: string }) {
  const { api, edition } = useConsole();
  const unit = useLoad(() => api.unit(unitId), [unitId], '单位');
  const entries = useLoad(() => api.registrations(edition.id, { unitId }), [unitId], '报名');
  const mails = useLoad(() => api.unitMails(unitId), [unitId], '邮件记录');
  const zone = edition.timeZone;

  if (unit.problem && !unit.data) return <Notice kind="error">{unit.problem}</Notice>;
  if (!unit.data) return <p role="status">正在载入…</p>;
  const u = unit.data;
  return (
    <section aria-labelledby="unit-title">
      <h1 id="unit-title">{u.name}</h1>
      <dl class="facts">
        <dt>单位类型</dt>
        <dd>{unitKindZh[u.kind]}</dd>
        <dt>所在区县</dt>
        <dd>{u.district ?? '—'}</dd>
        <dt>联系人</dt>
        <dd>{u.contact.name}</dd>
        <dt>联系电话</dt>
        <dd>{u.contact.phone}</dd>
        <dt>电子邮箱</dt>
        <dd>{u.contact.email}</dd>
        <dt>创建时间</dt>
        <dd>{beijingMinute(u.createdAt, zone)}</dd>
      </dl>

      <h2>报名</h2>
      {entries.problem && <Notice kind="error">{entries.problem}</Notice>}
      {!entries.data && !entries.problem && <p role="status">正在载入…</p>}
      {entries.data && entries.data.length === 0 && <p>该单位还没有报名。</p>}
      {entries.data?.some((r) => r.status === 'submitted' || r.status === 'complete') && (
        <div class="actions">
          <DownloadButton label="下载全部报名表（ZIP）" fetchFile={() => api.unitForms(edition.id, unitId)} />
          <span class="hint">
            每条有效报名一个 Word 文件；报名表含完整身份证号码，下载将记入各条报名的记录。
          </span>
        </div>
      )}
      <ul class="entries">
        {(entries.data ?? []).map((r) => (
          <li class="card entry" key={r.registrationId}>
            <EntryHeading r={r} level={3} />
            <dl class="facts">
              <ListedFacts r={r} />
            </dl>
          </li>
        ))}
      </ul>

      <UnitKeys unit={u} />

      <h2>发给该单位的邮件</h2>
      {mails.problem && <Notice kind="error">{mails.problem}</Notice>}
      {mails.data && mails.data.length === 0 && <p>还没有发给该单位的邮件。</p>}
      <ul class="mails">
        {(mails.data ?? []).map((m) => (
          <li key={`${m.eventKey}-${m.to}`}>
            <time dateTime={m.createdAt}>{beijingMinute(m.createdAt, zone)}</time>{' '}
            {templateZh[m.template as TemplateName] ?? m.template} → {m.to} ·{' '}
            <span class={`mail-${m.status}`}>{mailStatusZh[m.status]}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href="#/console/units">返回单位名单</a>
      </p>
    </section>
  );
}

const GRACE_OPTIONS = [
  { value: '0', label: '立即失效' },
  { value: '3600', label: '1小时' },
  { value: '86400', label: '24小时' },
  { value: '604800', label: '7天' },
];

/** A unit's keys: rotate (the new one shown once, the old one kept for the grace chosen) and revoke. */
function UnitKeys({ unit }: { unit: UnitView }) {
  const { api, edition } = useConsole();
  const keys = useLoad(() => api.keys(unit.unitId), [unit.unitId], '访问密钥');
  const [grace, setGrace] = useState('0');
  const [issued, setIssued] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rotate = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const seconds = Number(grace);
      const { token } = await api.rotateUnitKey(unit.unitId, seconds > 0 ? seconds : undefined);
      setIssued(token);
      keys.reload();
    } catch (error) {
      setProblem(problemText(error, '更换未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2>访问密钥</h2>
      {problem && <Notice kind="error">{problem}</Notice>}
      <KeyList keys={keys.data} problem={keys.problem} onRevoked={keys.reload} />
      <h3>更换访问密钥</h3>
      <p class="hint">更换后新密钥只显示一次；旧密钥在所选保留时间后失效，便于单位切换。</p>
      <div class="field">
        <label for="grace">旧密钥保留时间</label>
        <select id="grace" value={grace} onChange={(e) => setGrace(e.currentTarget.value)}>
          {GRACE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="button" disabled={busy} onClick={rotate}>
          {busy ? '正在更换…' : '更换访问密钥'}
        </button>
      </div>
      {issued && (
        <KeyOnce
          id="rotated-hand-over"
          label="交付说明（含新访问密钥）"
          text={handOverText(unit, issued, edition, site())}
        />
      )}
    </>
  );
}

/** Keys by their hints, with when they were made and used, and 撤销 (after a confirmation) for live ones. */
export function KeyList({
  keys,
  problem,
  onRevoked,
}: {
  keys: KeyRecord[] | null;
  problem: string | null;
  onRevoked: () => void;
}) {
  const { api, edition } = useConsole();
  const [confirming, setConfirming] = useState<KeyRecord | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const zone = edition.timeZone;

  const revoke = async (key: KeyRecord) => {
    setConfirming(null);
    setFailed(null);
    try {
      await api.revokeKey(key.keyId);
      setRevoked(`访问密钥 ${key.hint} 已撤销，立即失效`);
      onRevoked();
    } catch (error) {
      setFailed(problemText(error, '撤销未成功，请重试'));
    }
  };

  if (problem) return <Notice kind="error">{problem}</Notice>;
  if (!keys) return <p role="status">正在载入…</p>;
  return (
    <>
      {revoked && <Notice kind="success">{revoked}</Notice>}
      {failed && <Notice kind="error">{failed}</Notice>}
      {keys.length === 0 && <p>没有访问密钥。</p>}
      <ul class="keys">
        {keys.map((k) => (
          <li class="card" key={k.keyId}>
            <p>
              <code>{k.hint}</code>{' '}
              <strong>{k.revokedAt ? `已撤销（${beijingMinute(k.revokedAt, zone)}）` : '有效'}</strong>
            </p>
            <p class="hint">
              创建于{beijingMinute(k.createdAt, zone)}
              {k.lastUsedAt ? `，最近使用${beijingMinute(k.lastUsedAt, zone)}` : '，尚未使用'}
              {k.expiresAt ? `，${beijingMinute(k.expiresAt, zone)}到期` : ''}
            </p>
            {!k.revokedAt && (
              <button
                type="button"
                class="danger"
                onClick={() => setConfirming(k)}
                aria-expanded={confirming === k}
              >
                撤销 {k.hint}
              </button>
            )}
          </li>
        ))}
      </ul>
      {confirming && (
        <Confirm
          id={`revoke-${confirming.keyId}`}
          title={`确定撤销访问密钥 ${confirming.hint} 吗？`}
          confirmLabel="确认撤销"
          onConfirm={() => revoke(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>撤销后该密钥立即失效，持有人需用新的访问密钥登录。</p>
        </Confirm>
      )}
    </>
  );
}
