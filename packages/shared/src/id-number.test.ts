import { describe, it, expect } from 'vitest';
import { makeIdNumber, maskIdNumber, maskPhone, validateIdNumber, validatePhone } from './id-number';

const TODAY = '2025-06-01';

describe('validateIdNumber', () => {
  // GB 11643-1999 worked example (appendix): 11010519491231002X.
  it('accepts the worked example of GB 11643 with check character X', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });
  it('trims spaces and upper-cases a trailing x', () => {
    const result = validateIdNumber('  11010519491231002x ', TODAY);
    expect(result.ok && result.value).toBe('11010519491231002X');
  });
  it('reads gender from the 17th digit: odd is male', () => {
    const male = makeIdNumber('330483', '1990-05-20', 12, 'male');
    const result = validateIdNumber(male, TODAY);
    expect(result.ok && result.gender).toBe('male');
  });
  it('asks for a number when the input is blank', () => {
    expect(validateIdNumber('   ', TODAY)).toMatchObject({ ok: false, reason: 'empty' });
  });
  it('rejects a 15-digit old number and says to use the 18-digit one', () => {
    const result = validateIdNumber('110105491231002', TODAY);
    expect(result).toMatchObject({ ok: false, reason: 'length' });
    expect(!result.ok && result.message).toContain('18位');
  });
  it('rejects letters other than a final X', () => {
    expect(validateIdNumber('1101051949123100AX', TODAY)).toMatchObject({ ok: false, reason: 'format' });
    expect(validateIdNumber('11010519491231002Y', TODAY)).toMatchObject({ ok: false, reason: 'format' });
  });
  it('rejects an impossible birth date', () => {
    expect(validateIdNumber('110105194902300021', TODAY)).toMatchObject({ ok: false, reason: 'birthDate' });
  });
  it('rejects a birth date in the future or before 1900', () => {
    const future = makeIdNumber('330483', '2025-06-02', 1, 'male');
    expect(validateIdNumber(future, TODAY)).toMatchObject({ ok: false, reason: 'birthDate' });
    const old = makeIdNumber('330483', '1899-12-31', 1, 'male');
    expect(validateIdNumber(old, TODAY)).toMatchObject({ ok: false, reason: 'birthDate' });
  });
  it('accepts someone born today', () => {
    expect(validateIdNumber(makeIdNumber('330483', TODAY, 1, 'female'), TODAY).ok).toBe(true);
  });
  it('rejects a wrong check character and points at the last digit', () => {
    const result = validateIdNumber('110105194912310021', TODAY);
    expect(result).toEqual({ ok: false, reason: 'checksum', message: '身份证号校验位不正确，请核对最后一位' });
  });
  it('gives every failure a Chinese message', () => {
    for (const raw of ['', '123', '11010519491231002Y', '110105194902300021', '110105194912310021']) {
      const result = validateIdNumber(raw, TODAY);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('makeIdNumber', () => {
  it('builds numbers that validate, with the requested birth date and gender', () => {
    for (let sequence = 0; sequence <= 999; sequence += 37) {
      for (const gender of ['male', 'female'] as const) {
        const id = makeIdNumber('330483', '1985-02-28', sequence, gender);
        expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, value: id, birthDate: '1985-02-28', gender });
      }
    }
  });
  it('gives different numbers to sequences 0..499 of one gender', () => {
    const ids = new Set(Array.from({ length: 500 }, (_, i) => makeIdNumber('330483', '1990-01-01', i, 'male')));
    expect(ids.size).toBe(500);
  });
  it('refuses a bad region, date or sequence', () => {
    expect(() => makeIdNumber('33048', '1990-01-01', 1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('330483', '1990-02-30', 1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('330483', '1990-01-01', 1000, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('330483', '1990-01-01', 1.5, 'male')).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('330483199001011234')).toBe('330483********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('hides short input entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('keeps the first 3 and last 2 characters of other numbers', () => {
    expect(maskPhone('057388123456')).toBe('057*******56');
    expect(maskPhone('88123456')).toBe('881***56');
  });
  it('hides very short input entirely', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('validatePhone', () => {
  it('accepts a mainland mobile number', () => {
    expect(validatePhone('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(validatePhone('19912345678')).toEqual({ ok: true, value: '19912345678' });
  });
  it('drops spaces, hyphens and a +86 country code', () => {
    expect(validatePhone(' 138-1234-5678 ')).toEqual({ ok: true, value: '13812345678' });
    expect(validatePhone('+86 138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
  });
  it('rejects numbers that are not mobile numbers', () => {
    expect(validatePhone('12812345678').ok).toBe(false);
    expect(validatePhone('1381234567').ok).toBe(false);
    expect(validatePhone('0573-88123456').ok).toBe(false);
    expect(validatePhone('1381234567a').ok).toBe(false);
  });
  it('asks for a number when blank', () => {
    expect(validatePhone('  ')).toEqual({ ok: false, message: '请填写手机号码' });
  });
});
