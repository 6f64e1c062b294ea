/**
 * 批量导入: download the template, upload the filled-in file, read the check row by row (each problem with its
 * row and column, in Chinese), download the problems as a workbook, fix and upload again, then submit the ready
 * entries and follow the links to them. Read-only (the template only) once every track is closed.
 */
import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { IMPORT_FILE_MAX_BYTES, IMPORT_ROW_LIMIT } from '#shared/domain/import-columns.ts';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import { ApiError } from '../api.ts';
import { trackWritable, useSession } from '../context.ts';
import { saveFile } from '../download.tsx';
import { FilePicker, Notice } from '../fields.tsx';
import { nowMs } from '../time.ts';
import type { ImportView } from '../types.ts';

/** What a refusal says: the file's own reason (messageZh) where the API gives one. */
const refusalText = (error: unknown) =>
  error instanceof ApiError
    ? (error.errors.find((e) => e.messageZh)?.messageZh ?? error.message)
    : '操作未成功，请重试';

export function ImportPage() {
  const session = useSession();
  const { api, edition } = session;
  const now = nowMs();
  const writable = edition.tracks.some((t) => trackWritable(session, t, now));
  const [file, setFile] = useState<File | null>(null);
  const [view, setView] = useState<ImportView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const result = useRef<HTMLHeadingElement>(null);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(refusalText(error));
    } finally {
      setBusy(null);
    }
  };

  const show = (next: ImportView) => {
    setView(next);
    // The result takes focus, so keyboard and screen-reader users land on it.
    setTimeout(() => result.current?.focus(), 0);
  };

  const check = (event: Event) => {
    event.preventDefault();
    if (!file) return setProblem('请先选择填好的报名表文件（.xlsx）');
    if (file.size > IMPORT_FILE_MAX_BYTES)
      return setProblem('文件太大（超过2MB），请删去多余的内容或分成几个文件');
    return run('正在检查文件…', async () => show(await api.checkImport(edition.id, file)));
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">批量导入</h1>
      <p class="lead">用报名模板一次填写多名选手：先检查，确认无误后再提交。</p>

      <h2>第一步：下载报名模板</h2>
      <p>每行一名选手；团体赛项同一队的两名选手填写相同的“队号”。填写方法见模板中的“填写说明”。</p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={busy !== null}
          onClick={() => run('正在下载模板…', async () => saveFile(await api.importTemplate(edition.id)))}
        >
          下载报名模板
        </button>
      </div>

      {!writable ? (
        <Notice kind="warning">所有赛项的报名均已截止，不能再导入报名。</Notice>
      ) : (
        <form onSubmit={check}>
          <h2>第二步：上传填好的报名表</h2>
          <div class="field">
            <label for="import-file">报名表文件（.xlsx，不超过2MB，最多{IMPORT_ROW_LIMIT}行）</label>
            <FilePicker
              id="import-file"
              accept={`.xlsx,${XLSX_TYPE}`}
              buttonLabel="选择文件"
              fileName={file?.name}
              onChoose={(chosen) => setFile(chosen ?? null)}
            />
          </div>
          <div class="actions">
            <button type="submit" disabled={busy !== null}>
              {view ? '重新上传并检查' : '上传并检查'}
            </button>
          </div>
        </form>
      )}

      {busy && <p role="status">{busy}</p>}
      {problem && <Notice kind="error">{problem}</Notice>}
      {view && (
        <ImportResult
          view={view}
          headingRef={result}
          writable={writable}
          busy={busy !== null}
          onProblems={() =>
            run('正在下载问题清单…', async () => saveFile(await api.importProblems(view.importId)))
          }
          onCommit={() => run('正在提交…', async () => show(await api.commitImport(view.importId)))}
        />
      )}
    </section>
  );
}

function ImportResult({
  view,
  headingRef,
  writable,
  busy,
  onProblems,
  onCommit,
}: {
  view: ImportView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  writable: boolean;
  busy: boolean;
  onProblems: () => void;
  onCommit: () => void;
}) {
  const { edition } = useSession();
  const { totals } = view;
  const committed = view.state === 'committed';
  const trackName = (id?: string) => edition.tracks.find((t) => t.id === id)?.name ?? '未知赛项';
  return (
    <>
      <h2 ref={headingRef} tabIndex={-1}>
        {committed ? '第四步：提交结果' : '第三步：检查结果'}
      </h2>
      {committed ? (
        <Notice kind={totals.failedEntries > 0 ? 'warning' : 'success'}>
          已提交{totals.createdEntries}条报名
          {totals.failedEntries > 0 ? `，${totals.failedEntries}条未能提交（原因见下表）` : ''}。
        </Notice>
      ) : (
        <p>
          共{totals.rows}行：<strong>{totals.okRows}行无误</strong>，
          <strong>{totals.problemRows}行有问题</strong>
          ；可以提交{totals.readyEntries}条报名。
          {totals.problemRows > 0 && '有问题的行不会提交：改正文件后重新上传，或只提交无误的报名。'}
        </p>
      )}

      {!committed && (
        <div class="table-scroll">
          <table class="import-rows">
            <caption>逐行检查结果</caption>
            <thead>
              <tr>
                <th scope="col">行号</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.row}>
                  <th scope="row">第{r.row}行</th>
                  <td>
                    {r.ok ? '无误' : null}
                    {r.problems.length > 0 && (
                      <ul class="field-error">
                        {r.problems.map((p) => (
                          <li key={`${p.column}${p.code}`}>
                            {p.column}：{p.message}
                            {p.value ? `（填写的是：${p.value}）` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                    {r.notes.length > 0 && (
                      <ul>
                        {r.notes.map((p) => (
                          <li key={`${p.column}${p.code}`}>提示：{p.message}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {committed && (
        <div class="table-scroll">
          <table class="import-entries">
            <caption>每条报名的提交结果</caption>
            <thead>
              <tr>
                <th scope="col">行号</th>
                <th scope="col">赛项</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {view.entries
                .filter((e) => e.status === 'created' || e.status === 'failed')
                .map((e) => (
                  <tr key={e.key}>
                    <th scope="row">第{e.rows.join('、')}行</th>
                    <td>{trackName(e.trackId)}</td>
                    <td>
                      {e.registrationId ? (
                        <a href={`#/entries/${e.registrationId}`}>已提交，查看报名</a>
                      ) : (
                        `未提交：${e.problem?.message ?? ''}`
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}

      <div class="actions">
        {totals.problems > 0 && (
          <button type="button" class="secondary" disabled={busy} onClick={onProblems}>
            下载问题清单
          </button>
        )}
        {!committed && writable && totals.readyEntries > 0 && (
          <button type="button" disabled={busy} onClick={onCommit}>
            提交{totals.readyEntries}条无误的报名
          </button>
        )}
        {committed && <a href="#/">返回首页</a>}
      </div>
    </>
  );
}
