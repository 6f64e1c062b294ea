import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit, isCalendarDate, parseIdNumber } from '../../shared/domain/id-number.ts';
import { makeIdNumber, makeIdNumberEndingInX, withWrongCheckDigit } from '../support/id-numbers.ts';

function reasonOf(raw: unknown): string {
  const result = parseIdNumber(raw);
  return result.ok ? 'ok' : result.reason;
}

describe('parseIdNumber', () => {
  it('reads the birth date and gender of a valid number', () => {
    const idNumber = makeIdNumber({ birthDate: '1990-01-01', sequence: 11, gender: 'male' });

    const result = parseIdNumber(idNumber);

    expect(result).toEqual({ ok: true, value: { idNumber, birthDate: '1990-01-01', gender: 'male' } });
  });

  it('accepts the example of the standard, which ends in X, as a woman born 1949-12-31', () => {
    const result = parseIdNumber('11010519491231002X');

    expect(result).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('accepts a generated number ending in X', () => {
    const idNumber = makeIdNumberEndingInX({ birthDate: '2005-03-04', gender: 'male' });

    const result = parseIdNumber(idNumber);

    expect(idNumber.endsWith('X')).toBe(true);
    expect(result.ok).toBe(true);
  });

  it('normalises a lower-case x check digit to X', () => {
    const idNumber = makeIdNumberEndingInX({ birthDate: '2001-11-30', gender: 'female' });

    const result = parseIdNumber(idNumber.toLowerCase());

    expect(result.ok && result.value.idNumber).toBe(idNumber);
  });

  it.each([
    ['0', 'female'],
    ['1', 'male'],
    ['2', 'female'],
    ['7', 'male'],
    ['8', 'female'],
    ['9', 'male'],
  ])('reads a 17th digit %s as %s', (digit, gender) => {
    const first17 = `5001032000010100${digit}`;

    const result = parseIdNumber(first17 + idNumberCheckDigit(first17));

    expect(result.ok && result.value.gender).toBe(gender);
  });

  it('rejects a wrong check digit', () => {
    const idNumber = withWrongCheckDigit(makeIdNumber({ birthDate: '1995-06-15', gender: 'female' }));

    const result = parseIdNumber(idNumber);

    expect(result).toMatchObject({ ok: false, code: 'INVALID_ID_NUMBER', reason: 'check-digit' });
  });

  it('rejects X where the check digit is a digit', () => {
    const idNumber = makeIdNumber({ birthDate: '1995-06-15', gender: 'female' });

    expect(idNumber.endsWith('X')).toBe(false);
    expect(reasonOf(`${idNumber.slice(0, 17)}X`)).toBe('check-digit');
  });

  it.each([
    ['30 February', '2000-02-30'],
    ['29 February of a non-leap year', '2023-02-29'],
    ['29 February of 1900, not a leap year', '1900-02-29'],
    ['month 13', '1990-13-01'],
    ['day 0', '1990-01-00'],
    ['a year before 1900', '1899-12-31'],
  ])('rejects a birth date on %s', (_, birthDate) => {
    const idNumber = makeIdNumber({ birthDate, gender: 'male' });

    expect(reasonOf(idNumber)).toBe('birth-date');
  });

  it.each(['2000-02-29', '2004-02-29', '1900-01-01'])('accepts the birth date %s', (birthDate) => {
    const idNumber = makeIdNumber({ birthDate, gender: 'male' });

    const result = parseIdNumber(idNumber);

    expect(result.ok && result.value.birthDate).toBe(birthDate);
  });

  it.each([
    ['17 characters', 17],
    ['19 characters', 19],
    ['nothing', 0],
  ])('rejects %s as a wrong length', (_, length) => {
    const idNumber = makeIdNumber({ birthDate: '1990-01-01', gender: 'male' });

    expect(reasonOf(idNumber.padEnd(19, '1').slice(0, length))).toBe('length');
  });

  it.each([
    ['a letter inside', '5001031990A1010011'],
    ['X anywhere but last', '50010319900101X011'],
    ['a space inside', '500103 99001010011'],
    ['full-width digits', '５00103199001010011'],
    ['a sign', '-50010319900101001'],
  ])('rejects %s as a format error', (_, raw) => {
    expect(reasonOf(raw)).toBe('format');
  });

  it.each([null, undefined, 500103199001010000, ['500103199001010011'], {}])(
    'rejects %j, not a string',
    (raw) => {
      expect(reasonOf(raw)).toBe('format');
    },
  );

  it.each(['00', '10', '16', '39', '80', '91', '99'])('rejects the region prefix %s', (province) => {
    const idNumber = makeIdNumber({ region: `${province}0101`, birthDate: '1990-01-01', gender: 'male' });

    expect(reasonOf(idNumber)).toBe('region');
  });

  it.each(['11', '50', '65', '71', '81', '82', '83'])('accepts the region prefix %s', (province) => {
    const idNumber = makeIdNumber({ region: `${province}0101`, birthDate: '1990-01-01', gender: 'male' });

    expect(reasonOf(idNumber)).toBe('ok');
  });

  it('says what is wrong in the message', () => {
    const result = parseIdNumber('12345');

    expect(result).toEqual({
      ok: false,
      code: 'INVALID_ID_NUMBER',
      reason: 'length',
      message: 'ID number (身份证号) must have 18 characters, not 5',
    });
  });

  it('answers a huge string without trouble', () => {
    expect(reasonOf('1'.repeat(1_000_000))).toBe('length');
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-1-01', false],
    ['20230101', false],
  ])('%s → %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});
