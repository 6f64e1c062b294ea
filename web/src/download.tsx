/**
 * Downloads the API answers as files. The key travels as a bearer header, which a plain link cannot send: the
 * file is fetched, held as a blob and saved through an object URL under the name the API gives it.
 */
import { useState } from 'preact/hooks';
import { ApiError, type DownloadedFile } from './api.ts';
import { Notice } from './fields.tsx';

/** Saves the file as the browser saves a download, then lets the object URL go. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download at once; the URL is released once it has begun.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that fetches a file and saves it, saying so while it works and why when it fails. */
export function DownloadButton({
  label,
  fetchFile,
}: {
  label: string;
  fetchFile: () => Promise<DownloadedFile>;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveFile(await fetchFile());
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : '下载未成功，请重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={download} disabled={busy} aria-busy={busy}>
        {busy ? '正在生成…' : label}
      </button>
      {problem && <Notice kind="error">{problem}</Notice>}
    </>
  );
}
