import { describe, it, expect } from 'vitest';
import { makeUscc, validateUscc } from './uscc';

describe('validateUscc', () => {
  // Codes printed on published business licences; their check characters were confirmed by
  // computing the GB 32100-2015 checksum, not taken on trust.
  it('accepts published codes whose check character computes correctly', () => {
    expect(validateUscc('91110000802100433B')).toEqual({ ok: true, value: '91110000802100433B' });
    expect(validateUscc('91440300708461136T')).toEqual({ ok: true, value: '91440300708461136T' });
  });
  it('trims and upper-cases the input', () => {
    expect(validateUscc(' 91440300708461136t ')).toEqual({ ok: true, value: '91440300708461136T' });
  });
  it('asks for a code when blank', () => {
    expect(validateUscc('')).toMatchObject({ ok: false, reason: 'empty' });
  });
  it('rejects a code that is not 18 characters', () => {
    expect(validateUscc('9144030070846113')).toMatchObject({ ok: false, reason: 'length' });
  });
  it('rejects the letters I, O, Z, S and V', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(validateUscc(`9144030070846113${letter}T`)).toMatchObject({ ok: false, reason: 'format' });
    }
  });
  it('rejects letters in the region code (positions 3–8)', () => {
    expect(validateUscc('9144A300708461136T')).toMatchObject({ ok: false, reason: 'format' });
  });
  it('rejects a wrong check character and points at the last character', () => {
    const result = validateUscc('91440300708461136U');
    expect(result).toMatchObject({ ok: false, reason: 'checksum' });
    expect(!result.ok && result.message).toContain('最后一位');
  });
  // This code circulates as an example; by the GB 32100 computation its check character is T.
  it('rejects 91330000MA27U0QF4G because its check character computes to T', () => {
    expect(validateUscc('91330000MA27U0QF4G')).toMatchObject({ ok: false, reason: 'checksum' });
    expect(makeUscc('91330000MA27U0QF4')).toBe('91330000MA27U0QF4T');
  });
});

describe('makeUscc', () => {
  it('reproduces the check character of published codes', () => {
    expect(makeUscc('91110000802100433')).toBe('91110000802100433B');
    expect(makeUscc('91440300708461136')).toBe('91440300708461136T');
  });
  it('maps a computed check value of 31 to 0', () => {
    // Find a prefix whose weighted sum is a multiple of 31 by varying the last character.
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const codes = [...charset].map((c) => makeUscc(`91330483MA2B${'0000'}${c}`));
    expect(codes.some((code) => code.endsWith('0'))).toBe(true);
    for (const code of codes) expect(validateUscc(code).ok).toBe(true);
  });
  it('builds codes that validate for every character of the charset', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const c of charset) {
      const code = makeUscc(`9${c === '0' ? '1' : 'Y'}330483${c}A1B2C3D4`);
      expect(validateUscc(code).ok).toBe(true);
    }
  });
  it('refuses a prefix of the wrong length or with forbidden characters', () => {
    expect(() => makeUscc('9133048300000000')).toThrow(RangeError);
    expect(() => makeUscc('91330483O00000000')).toThrow(RangeError);
    expect(() => makeUscc('913304A3000000000')).toThrow(RangeError);
  });
});
