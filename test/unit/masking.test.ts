import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../shared/domain/masking.ts';

describe('maskIdNumber', () => {
  it('keeps the address code and the last 4 characters', () => {
    expect(maskIdNumber('500103199001010115')).toBe('500103********0115');
  });

  it('keeps an X check digit', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and the last 4 digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
});

describe('masking odd input', () => {
  const masks = { maskIdNumber, maskPhone };

  it.each(Object.entries(masks))('%s never returns a non-empty value whole', (_, mask) => {
    for (let length = 1; length <= 30; length += 1) {
      const value = '123456789012345678901234567890'.slice(0, length);

      const masked = mask(value);

      expect(masked).not.toBe(value);
      expect(masked).toHaveLength(length);
      expect(masked).toContain('*');
    }
  });

  it('masks a value too short for the pattern entirely or all but its last quarter', () => {
    expect(maskPhone('1381234')).toBe('******4');
    expect(maskIdNumber('123')).toBe('***');
  });

  it.each([null, undefined, ''])('turns %j into an empty string', (value) => {
    expect(maskIdNumber(value)).toBe('');
    expect(maskPhone(value)).toBe('');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(maskPhone('𠮷𠮷𠮷12345678')).toBe('𠮷𠮷𠮷****5678');
  });
});
