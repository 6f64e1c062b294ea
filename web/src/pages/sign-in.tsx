import { useState } from 'preact/hooks';
import { Notice } from '../fields.tsx';

/** 登录 with a unit's or a member's 访问密钥; the app checks it against the API before keeping it. */
export function SignInPage({
  onSignIn,
  message,
}: {
  onSignIn: (key: string) => Promise<string | null>;
  message?: string | null;
}) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('请填写访问密钥');
    setBusy(true);
    setError(await onSignIn(trimmed));
    setBusy(false);
  };

  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">参赛单位登录</h1>
      <p>请使用大赛执委会发给本单位的访问密钥登录。密钥只保存在本次浏览器会话中，关闭浏览器后需重新登录。</p>
      <p class="hint">大赛执委会成员请用本人的访问密钥登录，进入工作台。</p>
      {message && <Notice>{message}</Notice>}
      <form noValidate onSubmit={submit}>
        <div class={`field${error ? ' has-error' : ''}`}>
          <label for="access-key">访问密钥</label>
          <input
            id="access-key"
            type="password"
            autoComplete="current-password"
            spellcheck={false}
            value={key}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'access-key-error' : undefined}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
          {error && (
            <p id="access-key-error" class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </section>
  );
}
