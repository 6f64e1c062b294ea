/**
 * In-process EventBridge event-pattern matcher for the local runtime. It stands in for EventBridge rules and for
 * Lambda event-source filtering of DynamoDB stream records, which use the same grammar.
 *
 * Semantics follow AWS's content-filtering documentation (and aws/event-ruler, the engine behind it):
 * - the fields named in a pattern are ANDed, the values in a leaf array are ORed;
 * - when the event holds an array, the pattern matches if any element matches;
 * - only scalars (string, number, boolean, null) are leaf values: a field that is absent, or that holds an object,
 *   matches nothing except `{ exists: false }`.
 */

import { BlockList, isIP } from 'node:net';
import type { EventPattern } from '#events/contract.ts';

type Scalar = string | number | boolean | null;
type JsonObject = Record<string, unknown>;

const OR_KEY = '$or';

// ---------------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------------

/**
 * Whether `event` matches `pattern`. Validate patterns once with `assertValidPattern` at start-up: a malformed
 * pattern never throws here, its unknown parts simply match nothing.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchesObject(pattern, event);
}

function matchesObject(pattern: EventPattern, node: unknown): boolean {
  // An array of objects is "crushed out": the pattern must match within one element, so fields from different
  // elements are never combined (event-ruler's array-consistent matching).
  return objectCandidates(node).some((candidate) => matchesFields(pattern, candidate));
}

function objectCandidates(node: unknown): Array<JsonObject | undefined> {
  const objects = flattenArrays(node).filter(isPlainObject);
  // No object at all behaves like an absent node, so that `exists: false` below it can still match.
  return objects.length > 0 ? objects : [undefined];
}

function matchesFields(pattern: EventPattern, node: JsonObject | undefined): boolean {
  return Object.entries(pattern).every(([key, subPattern]) => {
    if (key === OR_KEY && isLeaf(subPattern)) {
      return subPattern.some(
        (branch) => isPlainObject(branch) && matchesFields(branch as EventPattern, node),
      );
    }
    const value = node !== undefined && Object.hasOwn(node, key) ? node[key] : undefined;
    return isLeaf(subPattern) ? matchesLeaf(subPattern, value) : matchesObject(subPattern, value);
  });
}

// Array.isArray does not narrow a union with a ReadonlyArray, hence this guard.
function isLeaf(node: EventPattern | ReadonlyArray<unknown>): node is ReadonlyArray<unknown> {
  return Array.isArray(node);
}

function matchesLeaf(conditions: ReadonlyArray<unknown>, eventValue: unknown): boolean {
  const values = leafValues(eventValue);
  if (values.length === 0) return conditions.some(isExistsFalse);
  return conditions.some((condition) => values.some((value) => matchesCondition(condition, value)));
}

/** The scalar values at a leaf: an array contributes each of its scalar elements, an object contributes none. */
function leafValues(value: unknown): Scalar[] {
  if (Array.isArray(value)) return value.flatMap(leafValues);
  return isScalar(value) ? [value] : [];
}

function isExistsFalse(condition: unknown): boolean {
  return isPlainObject(condition) && Object.keys(condition).length === 1 && condition.exists === false;
}

function matchesCondition(condition: unknown, value: Scalar): boolean {
  // `===` is exact matching for every scalar, and compares numbers by value (JSON 5 and 5.0 are the same number).
  if (!isPlainObject(condition)) return condition === value;
  const [operator, ...extra] = Object.keys(condition);
  if (operator === undefined || extra.length > 0) return false;
  return matchesOperator(operator, condition[operator], value);
}

function matchesOperator(operator: string, operand: unknown, value: Scalar): boolean {
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && matchesAffix(operand, value, (s, affix) => s.startsWith(affix));
    case 'suffix':
      return typeof value === 'string' && matchesAffix(operand, value, (s, affix) => s.endsWith(affix));
    case 'equals-ignore-case':
      return (
        typeof value === 'string' && typeof operand === 'string' && foldCase(value) === foldCase(operand)
      );
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcardRegExp(operand).test(value);
    case 'numeric':
      return typeof value === 'number' && Array.isArray(operand) && matchesNumeric(operand, value);
    case 'cidr':
      return typeof value === 'string' && typeof operand === 'string' && matchesCidr(operand, value);
    case 'anything-but':
      return matchesAnythingBut(operand, value);
    case 'exists':
      // A value is present here; absent fields are handled by matchesLeaf.
      return operand === true;
    default:
      return false;
  }
}

/** `prefix`/`suffix` take either a string or `{ "equals-ignore-case": string }`. */
function matchesAffix(operand: unknown, value: string, test: (s: string, affix: string) => boolean): boolean {
  if (typeof operand === 'string') return test(value, operand);
  const ignoreCase = isPlainObject(operand) ? operand['equals-ignore-case'] : undefined;
  return typeof ignoreCase === 'string' && test(foldCase(value), foldCase(ignoreCase));
}

/**
 * anything-but negates the wrapped match, but only for a value that is present: a missing field has no value to
 * be "anything but", so it does not match (matchesLeaf only calls this with a present value).
 */
function matchesAnythingBut(operand: unknown, value: Scalar): boolean {
  if (Array.isArray(operand)) return !operand.includes(value);
  if (!isPlainObject(operand)) return operand !== value;
  const [operator, ...extra] = Object.keys(operand);
  if (operator === undefined || extra.length > 0) return false;
  // equals-ignore-case and wildcard accept a list of values; prefix and suffix a single one.
  const inner = operand[operator];
  const operands = Array.isArray(inner) ? inner : [inner];
  return !operands.some((each) => matchesOperator(operator, each, value));
}

const COMPARATORS: Readonly<Record<string, (value: number, bound: number) => boolean>> = {
  '<': (value, bound) => value < bound,
  '<=': (value, bound) => value <= bound,
  '=': (value, bound) => value === bound,
  '>': (value, bound) => value > bound,
  '>=': (value, bound) => value >= bound,
};

/** `[op, n]` or a range `[op, n, op, m]`: every comparison must hold. */
function matchesNumeric(comparisons: ReadonlyArray<unknown>, value: number): boolean {
  if (comparisons.length === 0) return false;
  for (let i = 0; i < comparisons.length; i += 2) {
    const operator = comparisons[i];
    const bound = comparisons[i + 1];
    const compare =
      typeof operator === 'string' && Object.hasOwn(COMPARATORS, operator) && COMPARATORS[operator];
    if (!compare || typeof bound !== 'number' || !compare(value, bound)) return false;
  }
  return true;
}

function matchesCidr(cidr: string, value: string): boolean {
  const family = isIP(value);
  const range = cidrBlock(cidr);
  return family !== 0 && range !== undefined && range.check(value, family === 4 ? 'ipv4' : 'ipv6');
}

// ---------------------------------------------------------------------------------------------------------------
// Operand helpers (shared by matching and validation)
// ---------------------------------------------------------------------------------------------------------------

/** Lower-casing both sides is how this matcher ignores case (AWS does not document its exact case folding). */
function foldCase(s: string): string {
  return s.toLowerCase();
}

// A wildcard is a sequence of escapes (`\*`, `\\`), wildcard characters and literal runs.
const WILDCARD_TOKENS = /\\[\s\S]?|\*|[^\\*]+/g;
const wildcardCache = new Map<string, RegExp>();

function wildcardRegExp(wildcard: string): RegExp {
  let regExp = wildcardCache.get(wildcard);
  if (regExp === undefined) {
    const source = (wildcard.match(WILDCARD_TOKENS) ?? [])
      .map((token) => (token === '*' ? '.*' : escapeRegExp(token.startsWith('\\') ? token.slice(1) : token)))
      .join('');
    // `s` so that `*` also spans line breaks: it matches "any run of characters".
    regExp = new RegExp(`^${source}$`, 's');
    wildcardCache.set(wildcard, regExp);
  }
  return regExp;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cidrCache = new Map<string, BlockList | undefined>();

/** The address range of a CIDR block, or undefined if it is not `<IPv4 or IPv6 address>/<prefix length>`. */
function cidrBlock(cidr: string): BlockList | undefined {
  if (!cidrCache.has(cidr)) cidrCache.set(cidr, parseCidr(cidr));
  return cidrCache.get(cidr);
}

function parseCidr(cidr: string): BlockList | undefined {
  const [address = '', prefixLength = '', ...rest] = cidr.split('/');
  const family = isIP(address);
  const maxPrefixLength = family === 4 ? 32 : 128;
  if (family === 0 || rest.length > 0 || !/^\d{1,3}$/.test(prefixLength)) return undefined;
  if (Number(prefixLength) > maxPrefixLength) return undefined;
  const block = new BlockList();
  block.addSubnet(address, Number(prefixLength), family === 4 ? 'ipv4' : 'ipv6');
  return block;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function flattenArrays(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flattenArrays) : [value];
}

// ---------------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------------

/** Thrown for a malformed pattern; `path` locates the offending part, e.g. `detail.state[0]`. */
class InvalidPatternError extends Error {
  constructor(path: string, problem: string) {
    super(`Invalid event pattern at ${path}: ${problem}`);
    this.name = 'InvalidPatternError';
  }
}

function fail(path: string, problem: string): never {
  throw new InvalidPatternError(path, problem);
}

/**
 * Throws a descriptive error if `pattern` is not a well-formed event pattern, so that a bad rule or stream filter
 * fails when the local runtime starts rather than silently never matching. The checks mirror the ones EventBridge
 * applies when a rule is created.
 */
export function assertValidPattern(pattern: unknown): asserts pattern is EventPattern {
  validateObject(pattern, '(root)', false);
}

const OPERATOR_VALIDATORS: Readonly<Record<string, (operand: unknown, path: string) => void>> = {
  prefix: validateAffix,
  suffix: validateAffix,
  'equals-ignore-case': (operand, path) => expectString(operand, path),
  wildcard: validateWildcard,
  numeric: validateNumeric,
  cidr: validateCidr,
  'anything-but': validateAnythingBut,
  exists: (operand, path) => {
    if (typeof operand !== 'boolean') fail(path, `"exists" takes true or false, got ${describe(operand)}`);
  },
};
const OPERATORS = Object.keys(OPERATOR_VALIDATORS);

function validateObject(node: unknown, path: string, insideOr: boolean): void {
  if (!isPlainObject(node)) fail(path, `expected an object, got ${describe(node)}`);
  const entries = Object.entries(node);
  if (entries.length === 0) fail(path, 'empty objects are not allowed');
  for (const [key, value] of entries) {
    const at = path === '(root)' ? key : `${path}.${key}`;
    if (key === OR_KEY) {
      validateOr(value, at);
    } else if (insideOr && OPERATORS.includes(key)) {
      // EventBridge reserves operator names inside $or: such a key is almost always a misplaced operator.
      fail(at, `"${key}" is an operator and cannot be a field name inside "$or"`);
    } else if (Array.isArray(value)) {
      validateLeaf(value, at);
    } else if (isPlainObject(value)) {
      validateObject(value, at, insideOr);
    } else {
      fail(at, `expected an array of values or a nested object, got ${describe(value)}`);
    }
  }
}

function validateOr(branches: unknown, path: string): void {
  if (!Array.isArray(branches) || branches.length < 2) {
    fail(path, '"$or" takes an array of at least 2 objects');
  }
  branches.forEach((branch, i) => {
    validateObject(branch, `${path}[${i}]`, true);
  });
}

function validateLeaf(conditions: ReadonlyArray<unknown>, path: string): void {
  if (conditions.length === 0) fail(path, 'empty arrays are not allowed (they would never match)');
  conditions.forEach((condition, i) => {
    validateCondition(condition, `${path}[${i}]`);
  });
}

function validateCondition(condition: unknown, path: string): void {
  if (isPlainObject(condition)) {
    validateOperator(condition, path);
  } else if (!isScalar(condition) || (typeof condition === 'number' && !Number.isFinite(condition))) {
    fail(path, `expected a string, number, boolean, null or operator object, got ${describe(condition)}`);
  }
}

function validateOperator(condition: JsonObject, path: string): void {
  const keys = Object.keys(condition);
  const [operator] = keys;
  if (operator === undefined || keys.length > 1) {
    fail(path, `an operator object must have exactly one key, got ${describe(condition)}`);
  }
  const validate = Object.hasOwn(OPERATOR_VALIDATORS, operator) ? OPERATOR_VALIDATORS[operator] : undefined;
  if (validate === undefined) {
    fail(path, `unknown operator "${operator}" (expected one of: ${OPERATORS.join(', ')})`);
  }
  validate(condition[operator], `${path}.${operator}`);
}

function validateAffix(operand: unknown, path: string): void {
  if (typeof operand === 'string') return;
  if (isPlainObject(operand) && Object.keys(operand).length === 1 && 'equals-ignore-case' in operand) {
    expectString(operand['equals-ignore-case'], `${path}.equals-ignore-case`);
    return;
  }
  fail(path, `expected a string or { "equals-ignore-case": string }, got ${describe(operand)}`);
}

function validateWildcard(operand: unknown, path: string): void {
  expectString(operand, path);
  const tokens = operand.match(WILDCARD_TOKENS) ?? [];
  tokens.forEach((token, i) => {
    if (token === '*' && tokens[i + 1] === '*') fail(path, `consecutive wildcard characters in "${operand}"`);
    if (token.startsWith('\\') && token !== '\\*' && token !== '\\\\') {
      fail(path, `"${operand}": a backslash may only escape "*" or "\\"`);
    }
  });
}

function validateNumeric(operand: unknown, path: string): void {
  const expected = 'expected [op, number] or a range [">" | ">=", number, "<" | "<=", number]';
  if (!Array.isArray(operand)) fail(path, `${expected}, got ${describe(operand)}`);
  const [operator, bound, upperOperator, upperBound] = operand;
  const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  const isComparison = typeof operator === 'string' && Object.hasOwn(COMPARATORS, operator);
  if (operand.length === 2 && isComparison && isNumber(bound)) return;
  const isRange =
    operand.length === 4 &&
    (operator === '>' || operator === '>=') &&
    (upperOperator === '<' || upperOperator === '<=') &&
    isNumber(bound) &&
    isNumber(upperBound);
  if (!isRange) fail(path, `${expected}, got ${describe(operand)}`);
  if (bound >= upperBound) {
    fail(path, `the range's lower bound ${bound} must be below its upper bound ${upperBound}`);
  }
}

function validateCidr(operand: unknown, path: string): void {
  expectString(operand, path);
  if (cidrBlock(operand) === undefined) {
    fail(path, `"${operand}" is not a CIDR block such as "10.0.0.0/24" or "2001:db8::/32"`);
  }
}

function validateAnythingBut(operand: unknown, path: string): void {
  if (typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand))) return;
  if (Array.isArray(operand)) {
    const allStrings = operand.every((each) => typeof each === 'string');
    const allNumbers = operand.every((each) => typeof each === 'number' && Number.isFinite(each));
    if (operand.length === 0 || !(allStrings || allNumbers)) {
      fail(path, `expected a non-empty list of only strings or only numbers, got ${describe(operand)}`);
    }
    return;
  }
  const keys = isPlainObject(operand) ? Object.keys(operand) : [];
  const [operator] = keys;
  if (!isPlainObject(operand) || operator === undefined || keys.length > 1) {
    fail(path, `expected a string, a number, a list or an operator object, got ${describe(operand)}`);
  }
  validateAnythingButOperator(operator, operand[operator], `${path}.${operator}`);
}

function validateAnythingButOperator(operator: string, operand: unknown, path: string): void {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      // An empty prefix or suffix would exclude every string.
      expectString(operand, path);
      if (operand === '') fail(path, `anything-but ${operator} must not be empty`);
      return;
    case 'equals-ignore-case':
    case 'wildcard': {
      const operands = Array.isArray(operand) ? operand : [operand];
      if (operands.length === 0) fail(path, 'expected a string or a non-empty list of strings');
      operands.forEach((each, i) => {
        const at = Array.isArray(operand) ? `${path}[${i}]` : path;
        if (operator === 'wildcard') validateWildcard(each, at);
        else expectString(each, at);
      });
      return;
    }
    default:
      fail(path, `anything-but supports prefix, suffix, equals-ignore-case or wildcard, not "${operator}"`);
  }
}

function expectString(operand: unknown, path: string): asserts operand is string {
  if (typeof operand !== 'string') fail(path, `expected a string, got ${describe(operand)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value); // JSON.stringify would print NaN as null
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // circular structures and bigints
  }
  if (json === undefined) return typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
