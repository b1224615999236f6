// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
// 1 registration-authority code, 1 organisation-type code, 6-digit region code of the
// registration authority, 9-character organisation code, 1 check character.
// Charset: digits and capital letters except I, O, Z, S, V (31 characters).

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 §4.2: weight of position i is 3^(i-1) mod 31.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'empty' | 'length' | 'format' | 'checksum'; message: string };

function usccCheckChar(prefix17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARSET.indexOf(prefix17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET.charAt(check === 31 ? 0 : check);
}

/** Checks a 统一社会信用代码 and returns it normalised (trimmed, upper-cased). */
export function validateUscc(raw: string): UsccResult {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, reason: 'empty', message: '请填写统一社会信用代码' };
  if (value.length !== 18) {
    return {
      ok: false,
      reason: 'length',
      message: `统一社会信用代码应为18位，当前为${value.length}位，请对照营业执照核对`,
    };
  }
  if (!USCC_RE.test(value)) {
    return {
      ok: false,
      reason: 'format',
      message: '统一社会信用代码含有无效字符（不使用字母I、O、Z、S、V，第3至8位为数字），请对照营业执照核对',
    };
  }
  if (usccCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
    return {
      ok: false,
      reason: 'checksum',
      message: '统一社会信用代码校验位不正确，请对照营业执照核对最后一位',
    };
  }
  return { ok: true, value };
}

/**
 * Appends the check character to a 17-character prefix (for seed and test data).
 * Throws RangeError when the prefix is not 17 characters of the USCC charset with a
 * 6-digit region code in positions 3–8.
 */
export function makeUscc(prefix17: string): string {
  const prefix = prefix17.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/.test(prefix)) {
    throw new RangeError(`Not a valid 17-character USCC prefix: ${prefix17}`);
  }
  return prefix + usccCheckChar(prefix);
}
