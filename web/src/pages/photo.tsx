/**
 * A contestant's photo: choose a file, see it, check size, type and aspect in the browser with the server's
 * own thresholds (photo-rules.ts), upload it straight to S3 by the presigned POST with a progress bar, then
 * follow 审核中 until 合格 or 不合格 (the entry page polls).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { photoZh } from '#shared/domain/labels-zh.ts';
import {
  dimensionReasons,
  PHOTO_MAX_BYTES,
  PHOTO_MIN_BYTES,
  type PhotoReason,
  photoReasons,
  photoReasonWords,
} from '#shared/domain/photo-rules.ts';
import type { Photo } from '#shared/domain/registration.ts';
import { ApiError } from '../api.ts';
import { useSession } from '../context.ts';
import { FilePicker, Notice } from '../fields.tsx';

export const PHOTO_GUIDANCE =
  '2寸（35×49毫米）红底免冠证件照，JPEG或PNG格式，20 KB至5 MB，至少295×413像素（竖版）。';

const TYPES = ['image/jpeg', 'image/png'];

/** What the browser can tell before uploading; the server checks the bytes again (and the red background). */
export function fileReasons(file: { type: string; size: number }): PhotoReason[] {
  if (!TYPES.includes(file.type)) return ['NOT_JPEG_OR_PNG'];
  if (file.size < PHOTO_MIN_BYTES) return ['FILE_TOO_SMALL'];
  if (file.size > PHOTO_MAX_BYTES) return ['FILE_TOO_LARGE'];
  return [];
}

export type Measure = (url: string) => Promise<{ width: number; height: number }>;

/** The pixel size of an image, as the browser decodes it (EXIF rotation applied). */
export const imageSize: Measure = (url) => {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => reject(new Error('unreadable'));
    image.src = url;
  });
};

export type Uploader = (
  target: { url: string; fields: Record<string, string> },
  file: File,
  onProgress: (share: number) => void,
) => Promise<void>;

/** A form upload (presigned POST) with progress: every field first, then the file. */
export const postForm: Uploader = (target, file, onProgress) =>
  new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(target.fields)) body.append(name, value);
    body.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`${xhr.status}`));
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(body);
  });

interface Props {
  registrationId: string;
  index: number;
  name: string;
  photo: Photo;
  writable: boolean;
  /** Called once the file is in the bucket: the page then follows the check. */
  onUploaded: () => void;
  upload?: Uploader;
  measure?: Measure;
}

export function PhotoPanel({
  registrationId,
  index,
  name,
  photo,
  writable,
  onUploaded,
  upload = postForm,
  measure = imageSize,
}: Props) {
  const { api } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [reasons, setReasons] = useState<PhotoReason[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = `photo-${index}`;

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const choose = async (chosen: File | undefined) => {
    setProblem(null);
    setProgress(null);
    if (preview) URL.revokeObjectURL(preview);
    setPreview(null);
    setFile(chosen ?? null);
    if (!chosen) return setReasons([]);
    const early = fileReasons(chosen);
    if (early.includes('NOT_JPEG_OR_PNG')) return setReasons(early);
    const url = URL.createObjectURL(chosen);
    setPreview(url);
    try {
      const { width, height } = await measure(url);
      setReasons([...early, ...dimensionReasons(width, height)]);
    } catch {
      setReasons(['UNREADABLE_IMAGE']);
    }
  };

  const send = async () => {
    if (!file || reasons.length > 0) return;
    setProblem(null);
    setProgress(0);
    try {
      const grant = await api.grantPhotoUpload(registrationId, index, file.type);
      await upload(grant.upload, file, setProgress);
      // The status (审核中, then the verdict) takes over from the progress bar.
      setProgress(null);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onUploaded();
    } catch (error) {
      setProgress(null);
      setProblem(error instanceof ApiError ? error.message : '照片上传失败，请检查网络后重试');
    }
  };

  const rejected = photo.status === 'rejected';
  const serverReasons = photo.messages?.map((m) => m.zh) ?? photoReasonWords(photo.reasons);

  return (
    <section class="photo" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{name}的照片</h4>
      <p>
        状态：<span class={`status photo-${photo.status}`}>{photoZh[photo.status]}</span>
        {photo.status === 'pending' && '（正在审核，请稍候）'}
      </p>
      {rejected && serverReasons.length > 0 && (
        <Notice kind="warning">不合格原因：{serverReasons.join('；')}。请重新上传。</Notice>
      )}
      {writable && (
        <>
          <p class="hint" id={`${id}-hint`}>
            {PHOTO_GUIDANCE}
          </p>
          <FilePicker
            id={id}
            inputRef={inputRef}
            accept="image/jpeg,image/png"
            buttonLabel={`选择${name}的照片`}
            fileName={file?.name}
            describedBy={`${id}-hint${reasons.length > 0 ? ` ${id}-reasons` : ''}`}
            onChoose={choose}
          />
          {preview && <img class="preview" src={preview} alt={`${name}的照片预览`} />}
          {reasons.length > 0 && (
            <ul class="field-error" id={`${id}-reasons`}>
              {reasons.map((r) => (
                <li key={r}>{photoReasons[r].zh}</li>
              ))}
            </ul>
          )}
          {file && reasons.length === 0 && (
            <button type="button" onClick={send} disabled={progress !== null && progress < 1}>
              上传照片
            </button>
          )}
          {progress !== null && (
            <p>
              <label for={`${id}-progress`}>上传进度</label>{' '}
              <progress id={`${id}-progress`} max={1} value={progress} /> {Math.round(progress * 100)}%
            </p>
          )}
          {problem && <Notice kind="error">{problem}</Notice>}
        </>
      )}
    </section>
  );
}
