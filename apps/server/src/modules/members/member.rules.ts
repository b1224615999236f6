import { KEY_POSITIONS, addYears, maskIdNumber, maskPhone, validateIdNumber, validatePhone, type Gender } from '@hongyun/shared';
import type { FieldIssue } from '../../platform/errors';
import type { DataCipher, SealedValue } from '../../platform/crypto';
import type { CreateMemberInput } from './member.schemas';

/** Names as on the ID card: letters of any script, the middle dot of minority names, spaces. */
const NAME_PATTERN = /^[\p{L}\p{M}·•.\- ]{1,50}$/u;

export interface PreparedMember {
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone: string | null;
}

/**
 * Checks one member's personal data and dates against the rules and returns the normalised
 * values, or the field issues (zh-CN, each saying what to do). Pure: used by the form and by
 * every row of an import, so both give the same answer.
 */
export function checkMember(input: Pick<CreateMemberInput, 'name' | 'idNumber' | 'gender' | 'phone' | 'category' | 'appliedOn' | 'activistOn' | 'candidateOn' | 'joinedOn' | 'confirmedOn' | 'keyPositions'>, today: string): { ok: true; value: PreparedMember } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!NAME_PATTERN.test(name)) issues.push({ path: 'name', message: '姓名只能包含文字、间隔号"·"和空格，请按身份证填写' });
  const id = validateIdNumber(input.idNumber, today);
  if (!id.ok) issues.push({ path: 'idNumber', message: id.message });
  if (id.ok && input.gender && input.gender !== id.gender) {
    issues.push({ path: 'gender', message: `性别与身份证号不一致（身份证号显示为${id.gender === 'male' ? '男' : '女'}）` });
  }
  let phone: string | null = null;
  if (input.phone) {
    const p = validatePhone(input.phone);
    if (p.ok) phone = p.value;
    else issues.push({ path: 'phone', message: p.message });
  }
  const dates: [keyof typeof input, string][] = [['appliedOn', '申请入党日期'], ['activistOn', '确定积极分子日期'], ['candidateOn', '确定发展对象日期'], ['joinedOn', '入党日期'], ['confirmedOn', '转正日期']];
  let previous: { field: string; label: string; value: string } | null = null;
  for (const [field, label] of dates) {
    const value = input[field] as string | null | undefined;
    if (!value) continue;
    if (value > today) issues.push({ path: field, message: `${label}不能晚于今天` });
    if (previous && value < previous.value) issues.push({ path: field, message: `${label}不能早于${previous.label}` });
    previous = { field, label, value };
  }
  // 党章 art. 1: 年满十八岁 may apply; 发展党员工作细则 art. 6.
  if (id.ok && input.appliedOn && input.appliedOn < addYears(id.birthDate, 18)) {
    issues.push({ path: 'appliedOn', message: '申请入党时应年满十八岁，请核对申请日期或身份证号' });
  }
  if (!input.joinedOn) issues.push({ path: 'joinedOn', message: '请填写入党日期（支部大会通过为预备党员的日期）' });
  if (input.category === 'full' && !input.confirmedOn) issues.push({ path: 'confirmedOn', message: '正式党员请填写转正日期' });
  if (input.category === 'probationary' && input.confirmedOn) issues.push({ path: 'confirmedOn', message: '预备党员不应有转正日期；已转正请把类别改为正式党员' });
  if (input.keyPositions?.some((k) => !KEY_POSITIONS.includes(k))) issues.push({ path: 'keyPositions', message: '关键岗位不在可选范围内' });
  if (issues.length || !id.ok) return { ok: false, issues };
  return { ok: true, value: { name, gender: id.gender, birthDate: id.birthDate, idNumber: id.value, phone } };
}

/** The encrypted, hashed and masked columns for personal data (architecture rule 4). */
export function sealPersonalData(cipher: DataCipher, idNumber: string, phone: string | null) {
  return personalDataColumns({ idNumber, phone }, { id: cipher.seal(idNumber), phone: phone ? cipher.seal(phone) : null });
}

/** The same columns from values sealed beforehand, in bulk (`DataCipher.sealMany`). */
export function personalDataColumns(plain: { idNumber: string; phone: string | null }, sealed: { id: SealedValue; phone: SealedValue | null }) {
  return {
    idNumberCipher: sealed.id.sealed,
    idNumberHash: sealed.id.hash,
    idNumberMasked: maskIdNumber(plain.idNumber),
    phoneCipher: sealed.phone?.sealed ?? null,
    phoneHash: sealed.phone?.hash ?? null,
    phoneMasked: plain.phone ? maskPhone(plain.phone) : null,
  };
}
