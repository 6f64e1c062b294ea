import type { Gender } from './registration-input.ts';

/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): a 6-digit address code (GB/T 2260), the birth date
 * YYYYMMDD, a 3-digit order code whose last digit is odd for men and even for women, and a check digit
 * (ISO 7064 MOD 11-2) that is 0-9 or X.
 *
 * Decision: a lower-case x check digit is accepted and normalised to X. People type it, phone keyboards offer it,
 * and it cannot mean anything else; every stored, compared and exported ID number carries the upper-case X.
 * Nothing else is forgiven: surrounding spaces, full-width digits or separators are the caller's to remove.
 */

export type IdNumberFailure = 'length' | 'format' | 'region' | 'birth-date' | 'check-digit';

export interface IdNumberFacts {
  /** 18 characters, check digit upper-case. */
  idNumber: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  gender: Gender;
}

export type IdNumberResult =
  | { ok: true; value: IdNumberFacts }
  | { ok: false; code: 'INVALID_ID_NUMBER'; reason: IdNumberFailure; message: string };

/**
 * Province-level address codes of GB/T 2260, plus 83: the first two digits of the number on the residence permit
 * of Taiwan residents (港澳台居民居住证), which follows GB 11643 (those of Hong Kong and Macao use 81 and 82).
 */
const PROVINCES = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83'],
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1900;

/** The check digit of the first 17 digits (ISO 7064 MOD 11-2). */
export function idNumberCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

/** True for a real Gregorian date written YYYY-MM-DD (no 30 February, 29 February only in leap years). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

export function parseIdNumber(raw: unknown): IdNumberResult {
  const fail = (reason: IdNumberFailure, message: string): IdNumberResult => ({
    ok: false,
    code: 'INVALID_ID_NUMBER',
    reason,
    message: `ID number (身份证号) ${message}`,
  });
  if (typeof raw !== 'string') return fail('format', 'must be a string of 18 characters');
  if (raw.length !== 18) return fail('length', `must have 18 characters, not ${raw.length}`);
  const idNumber = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return fail('format', 'must be 17 digits followed by a digit or X');
  if (!PROVINCES.has(idNumber.slice(0, 2))) return fail('region', 'does not start with a province code');
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isCalendarDate(birthDate)) return fail('birth-date', 'holds no real birth date');
  if (Number(idNumber.slice(6, 10)) < EARLIEST_BIRTH_YEAR) {
    return fail('birth-date', `holds a birth date before ${EARLIEST_BIRTH_YEAR}`);
  }
  if (idNumberCheckDigit(idNumber) !== idNumber[17]) return fail('check-digit', 'has a wrong check digit');
  const gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber, birthDate, gender } };
}
