/**
 * 门户 (admins only): the provincial portals that register for units (a district's human-resources portal, a
 * school system): a new portal client with the units and districts it acts for and what its key may do (the key
 * shown once), and each portal's keys with 撤销.
 */
import { useState } from 'preact/hooks';
import type { PortalScope } from '#shared/domain/portal.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary, Notice, TextField } from '../fields.tsx';
import { type FormError, inputId } from '../form-model.ts';
import type { PortalView } from '../types.ts';
import { OwnerKeys } from './accounts.tsx';
import { useConsole } from './context.ts';
import { requiredErrors, serverErrors, useConsoleForm } from './form.ts';
import { CreatedWithKey } from './key-once.tsx';
import { problemText, useLoad } from './load.ts';

const scopeZh: Record<PortalScope, string> = {
  'registrations:read': '查看报名',
  'registrations:write': '提交、修改、撤回报名',
  'events:read': '读取变更流',
  'webhooks:manage': '管理 webhook',
};

const labels: Record<string, string> = {
  '/name': '门户名称',
  '/contact/name': '联系人姓名',
  '/contact/email': '联系人电子邮箱',
};
const optionalLabels: Record<string, string> = {
  '/contact/phone': '联系人电话',
  '/districts': '区县',
  '/unitIds': '可代办的单位',
  '/scopes': '权限',
};

/** 九龙坡区、沙坪坝区 (or commas, spaces): the districts named, each once. */
const districtsOf = (text: string) => [...new Set(text.split(/[、,，\s]+/u).filter(Boolean))];

export function PortalsPage() {
  const { api } = useConsole();
  const portals = useLoad(() => api.portals(), [], '门户');
  const units = useLoad(() => api.units(), [], '参赛单位');
  const form = useConsoleForm({
    '/name': '',
    '/contact/name': '',
    '/contact/email': '',
    '/contact/phone': '',
  });
  const [districts, setDistricts] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [scopes, setScopes] = useState<PortalScope[]>(['registrations:read', 'events:read']);
  const [created, setCreated] = useState<{ portal: PortalView; token: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = form.values;
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const missing: FormError[] = [...requiredErrors(v, labels)];
    if (unitIds.length === 0 && districtsOf(districts).length === 0) {
      missing.push({
        path: '/unitIds',
        code: 'REQUIRED',
        place: '可代办的单位',
        message: '请选择单位或填写区县',
      });
    }
    if (scopes.length === 0) {
      missing.push({ path: '/scopes', code: 'REQUIRED', place: '权限', message: '请至少选择一项权限' });
    }
    if (!form.report(missing)) return;
    setBusy(true);
    try {
      const phone = v['/contact/phone']!.trim();
      const { created: portal, token } = await api.createPortal({
        name: v['/name']!.trim(),
        contact: {
          name: v['/contact/name']!.trim(),
          email: v['/contact/email']!.trim(),
          ...(phone ? { phone } : {}),
        },
        unitIds,
        districts: districtsOf(districts),
        scopes,
      });
      setCreated({ portal, token });
      form.reset();
      setDistricts('');
      setUnitIds([]);
      portals.reload();
    } catch (error) {
      if (error instanceof ApiError)
        form.report(serverErrors(error.errors, { ...labels, ...optionalLabels }));
      setProblem(problemText(error, '创建未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const unitName = (id: string) => units.data?.find((u) => u.unitId === id)?.name ?? id;
  return (
    <section aria-labelledby="portals-title">
      <h1 id="portals-title">门户</h1>
      <p>区县人社、学校等门户系统用门户密钥代所辖单位报名：每次请求在 Bayu-Unit 请求头中写明代办的单位。</p>
      <h2>新增门户</h2>
      {created && (
        <CreatedWithKey
          id="portal-key"
          title={`已创建：${created.portal.name}`}
          label={`${created.portal.name}的门户密钥`}
          text={created.token}
        />
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} onPick={form.pick} />
      <form noValidate onSubmit={submit} aria-label="新增门户">
        <TextField f={form.f} path="/name" label="门户名称" autoComplete="off" maxLength={100} />
        <TextField f={form.f} path="/contact/name" label="联系人姓名" autoComplete="off" maxLength={40} />
        <TextField f={form.f} path="/contact/email" label="联系人电子邮箱" autoComplete="off" />
        <TextField f={form.f} path="/contact/phone" label="联系人电话（选填）" autoComplete="off" />
        <div class="field">
          <label for={inputId('/districts')}>可代办的区县（选填，用顿号分隔）</label>
          <input
            id={inputId('/districts')}
            type="text"
            value={districts}
            placeholder="九龙坡区、沙坪坝区"
            onInput={(e) => setDistricts(e.currentTarget.value)}
          />
        </div>
        <fieldset id={inputId('/unitIds')} tabIndex={-1}>
          <legend>可代办的单位</legend>
          {!units.data && !units.problem && <p role="status">正在载入…</p>}
          {(units.data ?? []).map((u) => (
            <div class="field checkbox" key={u.unitId}>
              <input
                id={`portal-unit-${u.unitId}`}
                type="checkbox"
                checked={unitIds.includes(u.unitId)}
                onChange={() => setUnitIds(toggle(unitIds, u.unitId))}
              />
              <label for={`portal-unit-${u.unitId}`}>
                {u.name}
                {u.district ? `（${u.district}）` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset id={inputId('/scopes')} tabIndex={-1}>
          <legend>权限</legend>
          {(Object.keys(scopeZh) as PortalScope[]).map((scope) => (
            <div class="field checkbox" key={scope}>
              <input
                id={`portal-scope-${scope}`}
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={() => setScopes(toggle(scopes, scope))}
              />
              <label for={`portal-scope-${scope}`}>{scopeZh[scope]}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? '正在创建…' : '创建门户并生成门户密钥'}
        </button>
      </form>

      <h2>已登记的门户</h2>
      {portals.problem && <Notice kind="error">{portals.problem}</Notice>}
      {!portals.data && !portals.problem && <p role="status">正在载入…</p>}
      {portals.data?.length === 0 && <p>还没有登记门户。</p>}
      <ul class="entries">
        {(portals.data ?? []).map((p) => (
          <PortalCard key={p.portalId} portal={p} unitName={unitName} />
        ))}
      </ul>
    </section>
  );
}

/** A portal: whom it acts for and what it may do, with its keys shown on demand (to revoke one). */
function PortalCard({ portal, unitName }: { portal: PortalView; unitName: (id: string) => string }) {
  const [open, setOpen] = useState(false);
  const reach = [...portal.unitIds.map(unitName), ...portal.districts.map((d) => `${d}（全区）`)];
  return (
    <li class="card">
      <h3>{portal.name}</h3>
      <p>
        联系人：{portal.contact.name} {portal.contact.email}
      </p>
      <p>代办：{reach.join('、')}</p>
      <p>权限：{portal.scopes.map((s) => scopeZh[s]).join('、')}</p>
      <button type="button" class="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '收起门户密钥' : `查看${portal.name}的门户密钥`}
      </button>
      {open && <OwnerKeys owner={portal.portalId} />}
    </li>
  );
}
