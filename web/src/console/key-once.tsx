/**
 * A new key's secret, shown this once (the API keeps only its hash): in a read-only text box, ready to send,
 * with 复制. Where the clipboard is refused (an insecure origin, a denied permission) the text is selected for
 * Ctrl+C instead.
 */
import { useRef, useState } from 'preact/hooks';
import { Notice } from '../fields.tsx';

export function KeyOnce({
  id,
  label,
  text,
  notice = '访问密钥只显示这一次，系统不保存密钥本身。请现在复制并妥善交付，离开本页后无法再查看。',
}: {
  id: string;
  label: string;
  text: string;
  /** What the warning says: a key's by default. */
  notice?: string;
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('已复制到剪贴板');
    } catch {
      box.current?.select();
      setCopied('浏览器不允许直接复制，文字已选中，请按 Ctrl+C 复制');
    }
  };
  return (
    <div class="key-once">
      <Notice kind="warning">{notice}</Notice>
      <div class="field">
        <label for={id}>{label}</label>
        <textarea
          id={id}
          ref={box}
          readOnly
          rows={text.includes('\n') ? 9 : 2}
          value={text}
          spellcheck={false}
        />
      </div>
      <div class="actions">
        <button type="button" onClick={copy}>
          复制
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
    </div>
  );
}

/** What was just created, with its new key shown once (a member's, a portal's). */
export function CreatedWithKey({
  id,
  title,
  label,
  text,
}: {
  id: string;
  title: string;
  label: string;
  text: string;
}) {
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <KeyOnce id={id} label={label} text={text} />
    </section>
  );
}
