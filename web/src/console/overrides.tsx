/**
 * 补报: late-entry overrides. Grant one (a unit, a track, the reason and when it ends, in Beijing time) and list
 * every override of the competition with who granted it.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorSummary, Notice, SelectField, TextField } from '../fields.tsx';
import { inputId } from '../form-model.ts';
import { beijingMinute, deadlineText } from '../time.ts';
import { useConsole } from './context.ts';
import { requiredErrors, serverErrors, useConsoleForm } from './form.ts';
import { problemText, useLoad } from './load.ts';
import { useUnitNames } from './parts.tsx';

const labels: Record<string, string> = {
  '/unitId': '参赛单位',
  '/trackId': '赛项',
  '/reason': '补报理由',
  '/until': '补报截止时间',
};

/** `2023-10-01T18:00` read in Beijing time (the edition's zone, UTC+8 all year). */
const beijingInstant = (local: string) => `${local}:00+08:00`;

export function OverridesPage() {
  const { api, edition } = useConsole();
  const list = useLoad(() => api.allOverrides(edition.id), [], '补报记录');
  const units = useLoad(() => api.units(), [], '参赛单位');
  const unitName = useUnitNames();
  const form = useConsoleForm({ '/unitId': '', '/trackId': '', '/reason': '', '/until': '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const v = form.values;
  const zone = edition.timeZone;
  const trackName = (id: string) => edition.tracks.find((t) => t.id === id)?.name ?? id;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setGranted(null);
    if (!form.report(requiredErrors(v, labels))) return;
    setBusy(true);
    try {
      const o = await api.grantOverride(edition.id, v['/trackId']!, {
        unitId: v['/unitId']!,
        reason: v['/reason']!.trim(),
        until: beijingInstant(v['/until']!),
      });
      setGranted(
        `已同意${unitName(o.unitId)}补报${trackName(o.trackId)}，开放至${deadlineText(o.until, zone)}（北京时间）`,
      );
      form.reset();
      list.reload();
    } catch (error) {
      if (error instanceof ApiError) form.report(serverErrors(error.errors, labels));
      setProblem(problemText(error, '补报未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const untilId = inputId('/until');
  const untilError = form.f.errorAt('/until');
  return (
    <section aria-labelledby="overrides-title">
      <h1 id="overrides-title">补报</h1>
      <h2>同意补报</h2>
      {granted && <Notice kind="success">{granted}</Notice>}
      {problem && <Notice kind="error">{problem}</Notice>}
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} onPick={form.pick} />
      <form noValidate onSubmit={submit} aria-label="同意补报">
        <SelectField
          f={form.f}
          path="/unitId"
          label="参赛单位"
          options={(units.data ?? []).map((u) => ({ value: u.unitId, label: u.name }))}
        />
        <SelectField
          f={form.f}
          path="/trackId"
          label="赛项"
          options={edition.tracks.map((t) => ({ value: t.id, label: t.name }))}
        />
        <TextField f={form.f} path="/reason" label="补报理由" maxLength={500} />
        <div class={`field${untilError ? ' has-error' : ''}`}>
          <label for={untilId}>补报截止时间（北京时间）</label>
          <input
            id={untilId}
            type="datetime-local"
            value={v['/until']}
            aria-invalid={untilError ? 'true' : undefined}
            aria-describedby={untilError ? `${untilId}-error` : `${untilId}-hint`}
            onInput={(e) => form.f.change('/until', e.currentTarget.value)}
          />
          <p id={`${untilId}-hint`} class="hint">
            补报最长30天；到期后该单位在此赛项的报名按截止处理。
          </p>
          {untilError && (
            <p id={`${untilId}-error`} class="field-error">
              {untilError.message}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? '正在提交…' : '同意补报'}
        </button>
      </form>

      <h2>补报记录</h2>
      {list.problem && <Notice kind="error">{list.problem}</Notice>}
      {!list.data && !list.problem && <p role="status">正在载入…</p>}
      {list.data && list.data.length === 0 && <p>还没有补报记录。</p>}
      <ul class="entries">
        {(list.data ?? []).map((o) => (
          <li class="card" key={`${o.unitId}-${o.trackId}-${o.grantedAt}`}>
            <h3>
              {unitName(o.unitId)} · {trackName(o.trackId)}
            </h3>
            <p>
              开放至{deadlineText(o.until, zone)}（北京时间）· {beijingMinute(o.grantedAt, zone)}同意
            </p>
            <p>理由：{o.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
