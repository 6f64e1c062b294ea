/**
 * Valid resident ID numbers for tests. The check digit is computed here independently of the domain module, so
 * tests of parseIdNumber compare it against a second implementation of ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function checkDigitOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return '10X98765432'.charAt(sum % 11);
}

export interface IdNumberSpec {
  /** 6-digit address code; default 500103 (重庆市渝中区). */
  region?: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** 0-99: the 15th and 16th digits; default 1. */
  sequence?: number;
  /** Sets the 17th digit: 1 for male, 2 for female. */
  gender: 'male' | 'female';
}

/** An 18-character ID number with a correct check digit (which may be X). */
export function makeIdNumber({ region = '500103', birthDate, sequence = 1, gender }: IdNumberSpec): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(2, '0')}${gender === 'male' ? 1 : 2}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`cannot make an ID number from ${JSON.stringify(first17)}`);
  return first17 + checkDigitOf(first17);
}

/** A valid ID number whose check digit is X (the first sequence that gives one). */
export function makeIdNumberEndingInX(spec: Omit<IdNumberSpec, 'sequence'>): string {
  for (let sequence = 0; sequence < 100; sequence += 1) {
    const idNumber = makeIdNumber({ ...spec, sequence });
    if (idNumber.endsWith('X')) return idNumber;
  }
  throw new Error('no sequence gives an X check digit');
}

/** The same ID number with a wrong check digit. */
export function withWrongCheckDigit(idNumber: string): string {
  const wrong = idNumber.endsWith('0') ? '1' : '0';
  return idNumber.slice(0, 17) + wrong;
}
