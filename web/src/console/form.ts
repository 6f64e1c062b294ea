/**
 * A small form state for the console's forms, so they use the units' labelled controls and error summary
 * (fields.tsx): values by path, errors with their Chinese message and the place the summary names.
 */
import { useState } from 'preact/hooks';
import type { FieldError } from '#shared/domain/registration-input.ts';
import { ApiError } from '../api.ts';
import type { FormBinding } from '../fields.tsx';
import { type FormError, inputId } from '../form-model.ts';
import { problemText } from './load.ts';

export interface ConsoleForm {
  f: FormBinding;
  values: Record<string, string>;
  errors: FormError[];
  /** Changes each time errors are shown, so the summary takes focus again. */
  focusKey: number;
  /** Shows these errors (an empty list clears them); true when there were none. */
  report(errors: FormError[]): boolean;
  reset(): void;
  /** Moves the focus to a field (from the error summary). */
  pick(path: string): void;
}

export function useConsoleForm(initial: Record<string, string>): ConsoleForm {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  return {
    values,
    errors,
    focusKey,
    f: {
      value: (path) => values[path] ?? '',
      errorAt: (path) => errors.find((e) => e.path === path),
      change: (path, value) => setValues((v) => ({ ...v, [path]: String(value) })),
      // Fields are judged on submit: the console's forms are short.
      blur: () => {},
    },
    report(found) {
      setErrors(found);
      if (found.length > 0) setFocusKey((k) => k + 1);
      return found.length === 0;
    },
    reset() {
      setValues(initial);
      setErrors([]);
    },
    pick: (path) => document.getElementById(inputId(path))?.focus(),
  };
}

/** Every empty field among `labels` (path → label) as 请填写… errors, in the order given. */
export function requiredErrors(values: Record<string, string>, labels: Record<string, string>): FormError[] {
  return Object.entries(labels)
    .filter(([path]) => !values[path]?.trim())
    .map(([path, place]) => ({ path, code: 'REQUIRED', place, message: `请填写${place}` }));
}

/** The server's field errors on the fields the form shows, in Chinese by their code. */
export function serverErrors(errors: readonly FieldError[], labels: Record<string, string>): FormError[] {
  return errors
    .filter((e) => e.path in labels)
    .map((e) => {
      const place = labels[e.path]!;
      const message =
        e.code === 'REQUIRED'
          ? `请填写${place}`
          : e.code === 'INVALID_PHONE'
            ? `${place}应为11位手机号码或带区号的固定电话`
            : e.code === 'INVALID_EMAIL'
              ? `${place}应为有效的电子邮箱地址`
              : e.code === 'TOO_LONG'
                ? `${place}太长`
                : `${place}填写不正确`;
      return { path: e.path, code: e.code, place, message };
    });
}

/**
 * A form's request in flight: `run` sends it, busy meanwhile; a refusal puts its field errors next to the
 * fields `labels` names and says the rest in `problem` (`failure` when the API gave no reason).
 */
export function useSubmission(form: ConsoleForm, labels: Record<string, string>, failure: string) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError) form.report(serverErrors(error.errors, labels));
      setProblem(problemText(error, failure));
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, busy, run };
}
