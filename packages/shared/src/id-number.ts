// 公民身份号码 (citizen ID number), GB 11643-1999: 6-digit region code, 8-digit birth date,
// 3-digit sequence code (odd 17th digit = male), ISO 7064 MOD 11-2 check character.

import { isValidDate, todayInShanghai } from './dates';
import type { Gender } from './enums';

// GB 11643-1999 §8.2: weight of position i (1-based from the left) is 2^(18-i) mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Check character for (sum mod 11) = 0..10.
const ID_CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: Gender }
  | { ok: false; reason: 'empty' | 'length' | 'format' | 'birthDate' | 'checksum'; message: string };

function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS.charAt(sum % 11);
}

/**
 * Checks an 18-digit 身份证号 and returns it normalised (trimmed, check 'x' upper-cased)
 * with its birth date and gender. `today` (default: today in Asia/Shanghai) bounds the birth date.
 */
export function validateIdNumber(raw: string, today: string = todayInShanghai()): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (value === '') {
    return { ok: false, reason: 'empty', message: '请填写身份证号' };
  }
  if (value.length !== 18) {
    return {
      ok: false,
      reason: 'length',
      message: `身份证号应为18位，当前为${value.length}位，请核对；15位旧号码请换用18位新号码`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return {
      ok: false,
      reason: 'format',
      message: '身份证号只能由数字组成，最后一位可以是X，请删除其他字符后重新填写',
    };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return {
      ok: false,
      reason: 'birthDate',
      message: '身份证号第7至14位的出生日期无效，请核对',
    };
  }
  if (idCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, reason: 'checksum', message: '身份证号校验位不正确，请核对最后一位' };
  }
  return { ok: true, value, birthDate, gender: genderOfDigit(value.charAt(16)) };
}

function genderOfDigit(digit: string): Gender {
  return Number(digit) % 2 === 1 ? 'male' : 'female';
}

/**
 * Builds a valid 18-digit number for seed and test data. `sequence` 0..999 becomes the
 * 3-digit sequence code (sequence mod 500) × 2 + (1 if male), so the 17th digit's parity
 * matches `gender`; sequences s and s + 500 give the same number.
 * Throws RangeError on a region that is not 6 digits, an invalid date or a bad sequence.
 */
export function makeIdNumber(region: string, birthDate: string, sequence: number, gender: Gender): string {
  if (!/^\d{6}$/.test(region)) throw new RangeError(`Region code must be 6 digits: ${region}`);
  if (!isValidDate(birthDate)) throw new RangeError(`Invalid birth date: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`Sequence must be an integer 0..999: ${sequence}`);
  }
  const code = (sequence % 500) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = region + birthDate.replaceAll('-', '') + String(code).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

/** '330483199001011234' → '330483********1234'. Other lengths keep at most 6 + 4 characters. */
export function maskIdNumber(v: string): string {
  const s = v.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** '13812345678' → '138****5678'; other lengths keep the first 3 and last 2 characters. */
export function maskPhone(v: string): string {
  const s = v.trim();
  if (s.length === 11) return `${s.slice(0, 3)}****${s.slice(7)}`;
  if (s.length <= 5) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 5) + s.slice(-2);
}

export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Mainland mobile number 1[3-9]xxxxxxxxx. Spaces and hyphens are ignored and a leading
 * +86 / 0086 country code is dropped; the value returned is the bare 11 digits.
 */
export function validatePhone(raw: string): PhoneResult {
  let value = raw.replace(/[\s-]/g, '');
  if (value === '') return { ok: false, message: '请填写手机号码' };
  value = value.replace(/^(?:\+86|0086)(?=\d{11}$)/, '');
  if (!/^\d+$/.test(value)) {
    return { ok: false, message: '手机号码只能由数字组成，请删除其他字符后重新填写' };
  }
  if (value.length !== 11) {
    return { ok: false, message: `手机号码应为11位，当前为${value.length}位，请核对` };
  }
  if (!/^1[3-9]\d{9}$/.test(value)) {
    return { ok: false, message: '请输入有效的大陆手机号码（以13至19开头的11位数字）' };
  }
  return { ok: true, value };
}
