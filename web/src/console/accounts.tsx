/**
 * 账户 (admins only): the secretariat's members, a new member (their key shown once), and each member's keys
 * with 撤销.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorSummary, Notice, SelectField, TextField } from '../fields.tsx';
import type { AccountView } from '../types.ts';
import { useConsole } from './context.ts';
import { requiredErrors, serverErrors, useConsoleForm } from './form.ts';
import { CreatedWithKey } from './key-once.tsx';
import { problemText, useLoad } from './load.ts';
import { KeyList } from './units.tsx';

const roleZh: Record<AccountView['role'], string> = { secretariat: '执委会成员', admin: '管理员' };

const labels: Record<string, string> = { '/name': '姓名', '/email': '电子邮箱', '/role': '角色' };

export function AccountsPage() {
  const { api } = useConsole();
  const accounts = useLoad(() => api.accounts(), [], '账户');
  const form = useConsoleForm({ '/name': '', '/email': '', '/role': 'secretariat' });
  const [created, setCreated] = useState<{ account: AccountView; token: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = form.values;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    if (!form.report(requiredErrors(v, labels))) return;
    setBusy(true);
    try {
      const { created: account, token } = await api.createAccount({
        name: v['/name']!.trim(),
        email: v['/email']!.trim(),
        role: v['/role'] as AccountView['role'],
      });
      setCreated({ account, token });
      form.reset();
      accounts.reload();
    } catch (error) {
      if (error instanceof ApiError) form.report(serverErrors(error.errors, labels));
      setProblem(problemText(error, '创建未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">账户</h1>
      <h2>新增成员</h2>
      {created && (
        <CreatedWithKey
          id="account-key"
          title={`已创建：${created.account.name}（${roleZh[created.account.role]}）`}
          label={`${created.account.name}的访问密钥`}
          text={created.token}
        />
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} onPick={form.pick} />
      <form noValidate onSubmit={submit} aria-label="新增成员">
        <TextField f={form.f} path="/name" label="姓名" autoComplete="off" maxLength={50} />
        <TextField f={form.f} path="/email" label="电子邮箱" autoComplete="off" />
        <SelectField
          f={form.f}
          path="/role"
          label="角色"
          options={[
            { value: 'secretariat', label: roleZh.secretariat },
            { value: 'admin', label: roleZh.admin },
          ]}
        />
        <button type="submit" disabled={busy}>
          {busy ? '正在创建…' : '创建成员并生成访问密钥'}
        </button>
      </form>

      <h2>成员</h2>
      {accounts.problem && <Notice kind="error">{accounts.problem}</Notice>}
      {!accounts.data && !accounts.problem && <p role="status">正在载入…</p>}
      <ul class="entries">
        {(accounts.data ?? []).map((a) => (
          <Member key={a.accountId} account={a} />
        ))}
      </ul>
    </section>
  );
}

/** A member, with their keys shown on demand (to revoke one). */
function Member({ account }: { account: AccountView }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="card">
      <h3>
        {account.name}（{roleZh[account.role]}）
      </h3>
      <p>{account.email}</p>
      <button type="button" class="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '收起访问密钥' : `查看${account.name}的访问密钥`}
      </button>
      {open && <OwnerKeys owner={account.accountId} />}
    </li>
  );
}

/** An owner's keys (an account's, a portal's), loaded when shown, each with 撤销. */
export function OwnerKeys({ owner }: { owner: string }) {
  const { api } = useConsole();
  const keys = useLoad(() => api.keys(owner), [owner], '访问密钥');
  return <KeyList keys={keys.data} problem={keys.problem} onRevoked={keys.reload} />;
}
