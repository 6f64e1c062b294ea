import type * as z from 'zod';
import { AppError } from './errors.ts';
import type { FieldError } from './registration-input.ts';

/** What every validator of a request body returns: the typed value, or every problem found. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A report lists at most this many errors, so a hostile body (thousands of unknown keys) cannot inflate it. */
export const MAX_FIELD_ERRORS = 100;

/** RFC 6901: `['contestants', 0, 'a/b']` → `/contestants/0/a~1b`; the whole document is ''. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function fieldError(path: readonly PropertyKey[], code: string, message: string): FieldError {
  return { path: jsonPointer(path), code, message };
}

/** Zod issues as field errors; one per unknown key, REQUIRED for a missing key (parse with `reportInput`). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) =>
          fieldError([...issue.path, key], 'UNKNOWN_FIELD', 'is not a field of this object'),
        )
      : [fieldError(issue.path, ...describe(issue))],
  );
}

/** VALIDATION_FAILED for a body zod refused: every field error, reported as finishReport orders them. */
export const invalidFields = (what: string, issues: readonly z.core.$ZodIssue[]) =>
  new AppError('VALIDATION_FAILED', `the ${what} has invalid fields`, finishReport(fromZodIssues(issues)));

/** One error per path (the first one wins), in document order, at most MAX_FIELD_ERRORS. */
export function finishReport(errors: readonly FieldError[]): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const error of errors) if (!byPath.has(error.path)) byPath.set(error.path, error);
  return [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path)).slice(0, MAX_FIELD_ERRORS);
}

/** Segment by segment: indexes as numbers (`/2` before `/10`), names by code unit, a parent before its children. */
function comparePaths(a: string, b: string): number {
  const [left, right] = [a.split('/'), b.split('/')];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const [x, y] = [left[i]!, right[i]!];
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

function describe(issue: z.core.$ZodIssue): [code: string, message: string] {
  const missing =
    issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
  if (missing) return ['REQUIRED', 'is required'];
  switch (issue.code) {
    case 'custom':
      return [typeof issue.params?.code === 'string' ? issue.params.code : 'INVALID_VALUE', issue.message];
    case 'invalid_type':
      return issue.expected === 'int' && typeof issue.input === 'number'
        ? ['INVALID_VALUE', 'must be a whole number']
        : [
            'INVALID_TYPE',
            `must be ${withArticle(issue.expected === 'int' ? 'number' : issue.expected)}, not ${kind(issue.input)}`,
          ];
    case 'invalid_value':
      return ['INVALID_VALUE', `must be one of: ${issue.values.map(String).join(', ')}`];
    case 'too_big':
      return issue.origin === 'string'
        ? ['TOO_LONG', `must be at most ${issue.maximum} characters`]
        : ['INVALID_VALUE', `must be at most ${issue.maximum}`];
    case 'too_small':
      return ['INVALID_VALUE', `must be at least ${issue.minimum}`];
    default:
      return ['INVALID_VALUE', issue.message];
  }
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : withArticle(typeof value);
}
