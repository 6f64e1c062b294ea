/**
 * The local runtime's EventBridge pattern matcher, for the rules and for the Lambda event filters on the table's
 * stream (which use the same grammar). It knows the part of the grammar the system's own patterns use: exact
 * values and `prefix`. Any other operator (`suffix`, `anything-but`, `numeric`, `$or`, ...) is refused when the
 * runtime starts, naming the rule and the operator, rather than matched differently from AWS.
 *
 * Semantics, as in AWS: the fields of a pattern are ANDed and the values of a leaf are ORed; an event array
 * matches when any of its elements does; a value matches `prefix` only when it is a string.
 */
import type { EventPattern } from '#events/contract.ts';

type Scalar = string | number | boolean | null;

/** Whether `event` matches `pattern`, which `assertSupportedPattern` accepted at start-up. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isPlainObject(event)) return false;
  return Object.entries(pattern).every(([key, subPattern]) => {
    const value = Object.hasOwn(event, key) ? event[key] : undefined;
    return isLeaf(subPattern) ? matchesLeaf(subPattern, value) : matchesPattern(subPattern, value);
  });
}

// Array.isArray does not narrow a union with a ReadonlyArray, hence this guard.
function isLeaf(node: EventPattern | ReadonlyArray<unknown>): node is ReadonlyArray<unknown> {
  return Array.isArray(node);
}

function matchesLeaf(conditions: ReadonlyArray<unknown>, value: unknown): boolean {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return conditions.some((condition) =>
    values.some((each) =>
      // `===` compares numbers by value (JSON 5 and 5.0 are one number), and never an object or an absent field.
      isPlainObject(condition)
        ? typeof each === 'string' && each.startsWith(condition.prefix as string)
        : condition === each,
    ),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value);
}

/**
 * Throws unless `pattern` uses only what the local matcher knows. `owner` names the pattern in the error, e.g.
 * `rule photo-uploaded`, so that the start-up failure says which declaration to change.
 */
export function assertSupportedPattern(pattern: unknown, owner: string): asserts pattern is EventPattern {
  function fail(path: string, problem: string): never {
    throw new Error(`${owner}: event pattern at ${path}: ${problem}`);
  }
  function unsupported(path: string, operators: string[]): never {
    fail(
      path,
      `operator "${operators.join('", "')}" is not supported locally (exact values and prefix only)`,
    );
  }
  function checkCondition(condition: unknown, path: string): void {
    if (isScalar(condition)) return;
    if (!isPlainObject(condition)) fail(path, 'expected a string, number, boolean, null or { prefix }');
    const operators = Object.keys(condition);
    if (operators.length !== 1 || operators[0] !== 'prefix') unsupported(path, operators);
    if (typeof condition.prefix !== 'string') fail(path, 'prefix takes a string');
  }
  function checkObject(node: unknown, path: string): void {
    if (!isPlainObject(node) || Object.keys(node).length === 0) fail(path, 'expected a non-empty object');
    for (const [key, value] of Object.entries(node)) {
      const at = path === '(root)' ? key : `${path}.${key}`;
      if (key.startsWith('$')) unsupported(at, [key]);
      if (!Array.isArray(value)) checkObject(value, at);
      else if (value.length === 0) fail(at, 'an empty list never matches');
      else for (const [i, condition] of value.entries()) checkCondition(condition, `${at}[${i}]`);
    }
  }
  checkObject(pattern, '(root)');
}
