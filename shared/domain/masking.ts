/**
 * Masks for ID numbers and phones shown to units (design.md): `500103********0115`, `138****1234`. A value too
 * short for the usual pattern is masked harder rather than shown: at most its last quarter stays visible, so no
 * input ever comes back whole (an empty or missing value comes back as '').
 */

const MIN_HIDDEN = 4;

function maskMiddle(value: string | null | undefined, keepStart: number, keepEnd: number): string {
  if (typeof value !== 'string') return '';
  const chars = Array.from(value);
  const hidden = chars.length - keepStart - keepEnd;
  if (hidden >= MIN_HIDDEN) {
    return (
      chars.slice(0, keepStart).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepEnd).join('')
    );
  }
  const shown = Math.floor(chars.length / 4);
  return '*'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
}

/** Keeps the address code (6) and the last 4 characters: `500103********0115`. */
export function maskIdNumber(idNumber: string | null | undefined): string {
  return maskMiddle(idNumber, 6, 4);
}

/** Keeps the network prefix (3) and the last 4 digits: `138****1234`. */
export function maskPhone(phone: string | null | undefined): string {
  return maskMiddle(phone, 3, 4);
}
