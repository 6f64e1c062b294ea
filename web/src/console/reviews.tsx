/**
 * 人工复核: every entry whose eligibility waits for a member's decision, with its findings in Chinese; approve
 * or reject it with a reason (required, as the API requires it). The decision and the member's name then
 * show in the entry's history.
 */
import { useState } from 'preact/hooks';
import { Notice } from '../fields.tsx';
import { Findings } from '../pages/findings.tsx';
import type { RegistrationView } from '../types.ts';
import { useConsole } from './context.ts';
import { problemText, useLoad } from './load.ts';
import { EntryHeading, entryHref, useUnitNames } from './parts.tsx';

export function ReviewsPage() {
  const { api, edition } = useConsole();
  const queue = useLoad(() => api.reviews(edition.id), [], '复核队列');
  const unitName = useUnitNames();
  const [done, setDone] = useState<{ r: RegistrationView; decision: 'approve' | 'reject' } | null>(null);

  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">人工复核</h1>
      <p class="lead">
        以下报名的资格需要大赛执委会核实。请逐条核对后作出决定，并写明理由（理由会记入报名的历史记录，并告知参赛单位）。
      </p>
      {done && (
        <Notice kind="success">
          已{done.decision === 'approve' ? '同意' : '不同意'}：
          <a href={entryHref(done.r.registrationId)}>{done.r.contestants.map((c) => c.name).join('、')}</a>
        </Notice>
      )}
      {queue.problem && <Notice kind="error">{queue.problem}</Notice>}
      {!queue.data && !queue.problem && <p role="status">正在载入…</p>}
      {queue.data && queue.data.length === 0 && <p>目前没有等待复核的报名。</p>}
      {queue.data && queue.data.length > 0 && (
        <ul class="entries">
          {queue.data.map((r) => (
            <li class="card entry" key={r.registrationId}>
              <EntryHeading r={r} level={2} />
              <p>参赛单位：{unitName(r.unitId)}</p>
              <Findings findings={r.eligibility.findings} relatedHref={entryHref} />
              <ReviewForm
                r={r}
                onDecided={(decision) => {
                  setDone({ r, decision });
                  queue.reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 同意 or 不同意 with a reason: refused in Chinese while the reason is empty; the API's refusals shown. */
export function ReviewForm({
  r,
  onDecided,
}: {
  r: RegistrationView;
  onDecided: (decision: 'approve' | 'reject') => void;
}) {
  const { api } = useConsole();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `reason-${r.registrationId}`;

  const decide = async (decision: 'approve' | 'reject') => {
    setProblem(null);
    if (!reason.trim()) {
      setError('请填写复核理由');
      document.getElementById(id)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await api.review(r.registrationId, decision, reason.trim());
      setReason('');
      onDecided(decision);
    } catch (e) {
      setProblem(problemText(e, '复核未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="review-form">
      {problem && <Notice kind="error">{problem}</Notice>}
      <div class={`field${error ? ' has-error' : ''}`}>
        <label for={id}>复核理由</label>
        <textarea
          id={id}
          rows={3}
          maxLength={500}
          value={reason}
          aria-required="true"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <p id={`${id}-error`} class="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => decide('approve')}>
          同意
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => decide('reject')}>
          不同意
        </button>
      </div>
    </div>
  );
}
