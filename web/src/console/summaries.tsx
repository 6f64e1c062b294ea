/**
 * 汇总表: ask for the workbooks now, follow the request until it is ready (or failed), then download them by
 * their short-lived links. The nightly ones reach the secretariat by the digest mail.
 */
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../fields.tsx';
import { beijingMinute } from '../time.ts';
import type { SummaryState, SummaryView } from './api.ts';
import { useConsole } from './context.ts';
import { problemText } from './load.ts';

const stateZh: Record<SummaryState, string> = {
  requested: '已提交请求，等待生成',
  building: '正在生成',
  failed: '生成失败',
  ready: '已生成',
};

const POLL_MS = 3000;
/** About ten minutes of following; a build runs for minutes at most (README: 15.5-minute lease). */
const POLL_LIMIT = 200;

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function SummariesPage() {
  const { api, edition } = useConsole();
  const [summary, setSummary] = useState<SummaryView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [polls, setPolls] = useState(0);
  const zone = edition.timeZone;
  const settled = summary?.state === 'ready' || summary?.state === 'failed';

  useEffect(() => {
    if (!summary || settled || polls > POLL_LIMIT) return;
    const timer = setTimeout(() => {
      api
        .summary(summary.summaryId)
        .then(setSummary)
        .catch((error: unknown) => setProblem(problemText(error, '状态查询失败')))
        .finally(() => setPolls((n) => n + 1));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [summary, polls]);

  const request = async () => {
    setProblem(null);
    setBusy(true);
    try {
      setSummary(await api.requestSummary(edition.id));
      setPolls(0);
    } catch (error) {
      setProblem(problemText(error, '请求未成功，请重试'));
    } finally {
      setBusy(false);
    }
  };

  /** Download links last five minutes: asking again gives fresh ones. */
  const refresh = async () => {
    if (!summary) return;
    setProblem(null);
    try {
      setSummary(await api.summary(summary.summaryId));
    } catch (error) {
      setProblem(problemText(error, '状态查询失败'));
    }
  };

  return (
    <section aria-labelledby="summaries-title">
      <h1 id="summaries-title">汇总表</h1>
      <p class="lead">
        系统每晚{edition.settings.nightlySummaryAt}
        （北京时间）自动生成汇总表并发送摘要邮件。需要最新数据时可以现在生成。汇总表含完整的身份证号码和联系方式，请妥善保管。
      </p>
      <div class="actions">
        <button type="button" onClick={request} disabled={busy || (summary !== null && !settled)}>
          现在生成汇总表
        </button>
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      {summary && (
        <section class="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{beijingMinute(summary.requestedAt, zone)} 的请求</h2>
          <p role="status">
            状态：<strong>{stateZh[summary.state]}</strong>
            {summary.state === 'failed' && '。请稍后重新生成；如多次失败，请联系系统管理员。'}
            {!settled && polls > POLL_LIMIT && '。生成时间较长，请稍后刷新。'}
          </p>
          {summary.state === 'ready' && (
            <>
              {summary.asOf && <p>数据截至{beijingMinute(summary.asOf, zone)}（北京时间）。</p>}
              <ul>
                {(summary.downloads ?? []).map((d) => (
                  <li key={d.scope}>
                    <a href={d.url} download={d.fileName}>
                      {d.fileName}
                    </a>{' '}
                    （{sizeText(d.bytes)}）
                  </li>
                ))}
              </ul>
              <p class="hint">下载链接5分钟内有效，过期后请刷新链接。</p>
              <button type="button" class="secondary" onClick={refresh}>
                刷新链接
              </button>
            </>
          )}
        </section>
      )}
    </section>
  );
}
