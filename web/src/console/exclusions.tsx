/**
 * 排除名单: the ID numbers of people the exclusions rule refuses (e.g. former prize winners), pasted or read
 * from a text file, replacing the whole list. Only the count is ever shown back: the API keeps keyed hashes,
 * and the page never lists the numbers.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { FilePicker, Notice } from '../fields.tsx';
import { beijingMinute } from '../time.ts';
import type { ExclusionFacts } from './api.ts';
import { useConsole } from './context.ts';
import { problemText, useLoad } from './load.ts';

/** The ID numbers in a pasted or uploaded text: separated by lines, spaces, commas or semicolons. */
export const idNumbersIn = (text: string): string[] =>
  text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The list as it stands, in one sentence: its size, when and by whom it was replaced. */
export function exclusionFactsText(facts: ExclusionFacts, zone: string): string {
  if (!facts.updatedAt) return '尚未上传排除名单';
  const by = facts.actorName ? `由${facts.actorName}` : '';
  return `当前名单共${facts.count}人，于${beijingMinute(facts.updatedAt, zone)}${by}更新`;
}

export function ExclusionsPage() {
  const { api, edition } = useConsole();
  const facts = useLoad(() => api.exclusions(edition.id), [], '排除名单');
  const [text, setText] = useState('');
  // A file's numbers are kept apart from the text box, so they are never put on the screen.
  const [file, setFile] = useState<{ name: string; numbers: string[] } | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A new file input after each upload, so the one just sent no longer shows as chosen.
  const [fileInput, setFileInput] = useState(0);
  const numbers = file ? file.numbers : idNumbersIn(text);

  const readFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setText('');
    setFile({ name: chosen.name, numbers: idNumbersIn(await chosen.text()) });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setResult(null);
    setBusy(true);
    try {
      const answer = await api.replaceExclusions(edition.id, numbers);
      setResult(
        `排除名单已更新：共${answer.count}个身份证号码（${beijingMinute(answer.updatedAt, edition.timeZone)}）。`,
      );
      setText('');
      setFile(null);
      setFileInput((n) => n + 1);
      facts.reload();
    } catch (error) {
      // Name the wrong lines by position, never by the number itself.
      const lines =
        error instanceof ApiError
          ? error.errors.flatMap((e) => {
              const index = /^\/idNumbers\/(\d+)$/.exec(e.path)?.[1];
              return index === undefined ? [] : [Number(index) + 1];
            })
          : [];
      setProblem(
        lines.length > 0
          ? `第${lines.slice(0, 20).join('、')}个身份证号码不正确，请核对后重新上传（名单未更新）`
          : problemText(error, '上传未成功，请重试'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="exclusions-title">
      <h1 id="exclusions-title">排除名单</h1>
      <p class="lead">
        上传的名单整体替换原名单，系统只保存身份证号码的加密摘要，页面不会再显示号码。替换后，相关赛项的报名会自动重新审核。
      </p>
      {facts.problem && <Notice kind="error">{facts.problem}</Notice>}
      {facts.data ? (
        <p>{exclusionFactsText(facts.data, edition.timeZone)}</p>
      ) : (
        !facts.problem && <p role="status">正在载入…</p>
      )}
      {result && <Notice kind="success">{result}</Notice>}
      {problem && <Notice kind="error">{problem}</Notice>}
      <form noValidate onSubmit={submit} aria-label="上传排除名单">
        <div class="field">
          <label for="exclusions-text">粘贴身份证号码（每行一个）</label>
          <textarea
            id="exclusions-text"
            rows={8}
            value={text}
            spellcheck={false}
            autoComplete="off"
            onInput={(e) => {
              setText(e.currentTarget.value);
              setFile(null);
            }}
          />
        </div>
        <div class="field">
          <label for="exclusions-file">或选择文本文件（.txt、.csv）</label>
          <FilePicker
            key={fileInput}
            id="exclusions-file"
            accept=".txt,.csv,text/plain,text/csv"
            buttonLabel="选择文件"
            fileName={file?.name}
            onChoose={readFile}
          />
        </div>
        <p role="status">
          {file ? `已读取 ${file.name}，` : ''}识别到{numbers.length}个身份证号码
        </p>
        <button type="submit" disabled={busy}>
          {busy ? '正在上传…' : `用这${numbers.length}个号码替换排除名单`}
        </button>
      </form>
    </section>
  );
}
