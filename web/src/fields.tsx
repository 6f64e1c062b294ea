/**
 * Form controls that follow web.md's habits: a visible label tied to its input, the Chinese message next to
 * the field, aria-invalid and aria-describedby while it has one, text inputs for ID numbers, phones and
 * postcodes, and no validation while an input method is composing.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { type FormError, inputId } from './form-model.ts';

/** What a control needs from its form: the value at its path, its error, and where to report changes. */
export interface FormBinding {
  value(path: string): unknown;
  errorAt(path: string): FormError | undefined;
  change(path: string, value: unknown, composing?: boolean): void;
  blur(path: string): void;
  readOnly?: boolean;
}

interface Described {
  id: string;
  hint?: string | undefined;
  error?: FormError | undefined;
}

function describedBy({ id, hint, error }: Described): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Message({ id, hint, error }: Described) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error.message}
        </p>
      )}
    </>
  );
}

/** What the label, the hint and the message say about a control, and the form it reports to. */
interface FieldProps {
  f: FormBinding;
  path: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

/** The attributes every labelled control carries: its id and path, its value, and its state for assistive tech. */
interface ControlAttrs {
  id: string;
  name: string;
  'data-path': string;
  value: string;
  'aria-required': 'true' | undefined;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

/** A visible label tied to its control, then the hint and the Chinese message next to it. */
function LabelledField({
  f,
  path,
  label,
  hint,
  optional,
  control,
}: FieldProps & { control: (attrs: ControlAttrs) => ComponentChildren }) {
  const id = inputId(path);
  const error = f.errorAt(path);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {optional && <span class="optional">（选填）</span>}
      </label>
      {control({
        id,
        name: path,
        'data-path': path,
        value: String(f.value(path) ?? ''),
        'aria-required': optional ? undefined : 'true',
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy({ id, hint, error }),
      })}
      <Message id={id} hint={hint} error={error} />
    </div>
  );
}

interface TextProps extends FieldProps {
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel';
  maxLength?: number;
  placeholder?: string;
}

export function TextField({ autoComplete, inputMode, maxLength, placeholder, ...field }: TextProps) {
  const { f, path } = field;
  return (
    <LabelledField
      {...field}
      control={(attrs) => (
        <input
          {...attrs}
          type="text"
          readOnly={f.readOnly}
          autoComplete={autoComplete ?? 'off'}
          inputMode={inputMode}
          maxLength={maxLength}
          placeholder={placeholder}
          spellcheck={false}
          onInput={(e) => f.change(path, e.currentTarget.value, (e as InputEvent).isComposing)}
          onBlur={() => f.blur(path)}
        />
      )}
    />
  );
}

interface SelectProps extends FieldProps {
  options: { value: string; label: string; disabled?: boolean }[];
  disabled?: boolean;
}

export function SelectField({ options, disabled, ...field }: SelectProps) {
  const { f, path } = field;
  return (
    <LabelledField
      {...field}
      control={(attrs) => (
        <select
          {...attrs}
          disabled={disabled || f.readOnly}
          onChange={(e) => {
            f.change(path, e.currentTarget.value);
            f.blur(path);
          }}
        >
          <option value="">请选择</option>
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function CheckboxField({ f, path, label }: { f: FormBinding; path: string; label: string }) {
  const id = inputId(path);
  const error = f.errorAt(path);
  return (
    <div class={`field checkbox${error ? ' has-error' : ''}`}>
      <input
        id={id}
        name={path}
        data-path={path}
        type="checkbox"
        checked={f.value(path) === true}
        disabled={f.readOnly}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy({ id, error })}
        onChange={(e) => {
          f.change(path, e.currentTarget.checked);
          f.blur(path);
        }}
      />
      <label for={id}>{label}</label>
      <Message id={id} error={error} />
    </div>
  );
}

/**
 * The list of every error at the top of the form. It takes focus each time `focusKey` changes (a submit or a
 * check that found errors), and each entry links to its input.
 */
export function ErrorSummary({
  errors,
  focusKey,
  onPick,
  title,
}: {
  errors: FormError[];
  focusKey: number;
  onPick: (path: string) => void;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (focusKey > 0 && errors.length > 0) ref.current?.focus();
  }, [focusKey]);
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? `有${errors.length}处需要修改`}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.path}>
            <a
              href={`#${inputId(e.path)}`}
              onClick={(event) => {
                event.preventDefault();
                onPick(e.path);
              }}
            >
              {e.place}：{e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A notice that is read out when it appears (role=status) or interrupts (role=alert). */
export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'success' | 'warning' | 'error';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A confirmation before an action that cannot be undone (withdraw an entry, revoke a key): it takes focus when
 * it appears, so keyboard and screen-reader users land on the question.
 */
export function Confirm({
  id,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div class="confirm" role="alertdialog" aria-labelledby={id} tabIndex={-1} ref={ref}>
      <h2 id={id}>{title}</h2>
      {children}
      <div class="actions">
        <button type="button" class="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          取消
        </button>
      </div>
    </div>
  );
}

/**
 * A file input whose button speaks Chinese. The browser's own file button speaks the browser's UI language
 * ("Choose File" in an English browser), so a label styled as a button stands in for it, with the chosen file's
 * name beside it; the input stays in the tab order, its focus shown on the label.
 */
export function FilePicker(props: {
  id: string;
  accept: string;
  buttonLabel: string;
  fileName: string | undefined;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
  onChoose: (file: File | undefined) => void;
}) {
  return (
    <div class="file-picker">
      <input
        ref={props.inputRef}
        id={props.id}
        class="visually-hidden"
        type="file"
        accept={props.accept}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChoose(e.currentTarget.files?.[0])}
      />
      <label for={props.id} class="button secondary">
        {props.buttonLabel}
      </label>
      <span class="file-name">{props.fileName ?? '未选择文件'}</span>
    </div>
  );
}
