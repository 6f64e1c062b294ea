/**
 * 汇总表: the latest summaries, nightly and requested, each ready one downloadable by fresh short-lived links;
 * and asking for the workbooks now, followed until they are ready (or failed). The nightly ones also reach the
 * secretariat by the digest mail.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SummaryKind, SummaryState } from '#shared/domain/summary.ts';
import { Notice } from '../fields.tsx';
import { beijingMinute } from '../time.ts';
import type { SummaryView } from './api.ts';
import { useConsole } from './context.ts';
import { problemText, useLoad } from './load.ts';

const stateZh: Record<SummaryState, string> = {
  requested: '已提交请求，等待生成',
  building: '正在生成',
  failed: '生成失败',
  ready: '已生成',
};

const kindZh: Record<SummaryKind, string> = { nightly: '每晚', 'on-demand': '按需' };

/** Who asked: the member by name; the schedule for the nightly ones. */
const requesterZh = (s: SummaryView) =>
  s.requestedByName ?? (s.kind === 'nightly' ? '系统（每晚自动）' : '大赛执委会');

const POLL_MS = 3000;
/** About ten minutes of following; a build runs for minutes at most (README: 15.5-minute lease). */
const POLL_LIMIT = 200;

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function SummariesPage() {
  const { api, edition } = useConsole();
  const list = useLoad(() => api.summaries(edition.id), [], '汇总表');
  const [summary, setSummary] = useState<SummaryView | null>(null);
  // A past summary chosen from the list, read again for fresh download links.
  const [chosen, setChosen] = useState<SummaryView | null>(null);
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

  // The list shows the request as soon as it exists, and again as its state changes.
  useEffect(() => {
    if (summary) list.reload();
  }, [summary?.summaryId, summary?.state]);

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

  /** Download links last five minutes: asking for the summary again gives fresh ones. */
  const fresh = async (summaryId: string, show: (s: SummaryView) => void) => {
    setProblem(null);
    try {
      show(await api.summary(summaryId));
    } catch (error) {
      setProblem(problemText(error, '下载链接获取失败，请重试'));
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
        <SummaryCard
          id="summary-title"
          title={`${beijingMinute(summary.requestedAt, zone)} 的请求`}
          summary={summary}
          onRefresh={() => fresh(summary.summaryId, setSummary)}
        >
          {!settled && polls > POLL_LIMIT && '。生成时间较长，请稍后刷新。'}
        </SummaryCard>
      )}

      <h2>最近的汇总表</h2>
      {list.problem && <Notice kind="error">{list.problem}</Notice>}
      {!list.data && !list.problem && <p role="status">正在载入…</p>}
      {list.data?.length === 0 && <p>还没有汇总表。</p>}
      {list.data && list.data.length > 0 && (
        <table class="places">
          <caption class="visually-hidden">最近100份汇总表，最新的在前</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">类型</th>
              <th scope="col">状态</th>
              <th scope="col">请求人</th>
              <th scope="col">下载</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.summaryId}>
                <td>{beijingMinute(s.requestedAt, zone)}</td>
                <td>{kindZh[s.kind]}</td>
                <td>{stateZh[s.state]}</td>
                <td>{requesterZh(s)}</td>
                <td>
                  {s.state === 'ready' && (
                    <button type="button" class="secondary" onClick={() => fresh(s.summaryId, setChosen)}>
                      下载<span class="visually-hidden">{beijingMinute(s.requestedAt, zone)}的汇总表</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && (
        <SummaryCard
          key={chosen.summaryId}
          id="chosen-summary-title"
          title={`${beijingMinute(chosen.requestedAt, zone)} 的汇总表（${kindZh[chosen.kind]}）`}
          summary={chosen}
          onRefresh={() => fresh(chosen.summaryId, setChosen)}
          takeFocus
        />
      )}
    </section>
  );
}

/**
 * One summary's state and, once ready, its workbooks by their short-lived links. `takeFocus`: it appears below
 * the list when a member asks for a summary's links, so keyboard users land on them.
 */
function SummaryCard({
  id,
  title,
  summary,
  onRefresh,
  takeFocus,
  children,
}: {
  id: string;
  title: string;
  summary: SummaryView;
  onRefresh: () => void;
  takeFocus?: boolean;
  children?: ComponentChildren;
}) {
  const { edition } = useConsole();
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, []);
  return (
    <section class="card" aria-labelledby={id} ref={ref} tabIndex={takeFocus ? -1 : undefined}>
      <h2 id={id}>{title}</h2>
      <p role="status">
        状态：<strong>{stateZh[summary.state]}</strong>
        {summary.state === 'failed' && '。请稍后重新生成；如多次失败，请联系系统管理员。'}
        {children}
      </p>
      {summary.state === 'ready' && (
        <>
          {summary.asOf && <p>数据截至{beijingMinute(summary.asOf, edition.timeZone)}（北京时间）。</p>}
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
          <button type="button" class="secondary" onClick={onRefresh}>
            刷新链接
          </button>
        </>
      )}
    </section>
  );
}
