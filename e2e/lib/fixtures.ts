// The people and organisation this run creates, and what one flow leaves for the next.

import { makeIdNumber, makeUscc, maskIdNumber } from '@hongyun/shared';

export const PASSWORD = 'hongyun-demo';
/** Tongxiang's region code: the masked form reads 330483********1234. */
const REGION = '330483';

export interface Person {
  name: string;
  idNumber: string;
  masked: string;
  birthDate: string;
  gender: 'male' | 'female';
}

function person(name: string, birthDate: string, sequence: number, gender: 'male' | 'female'): Person {
  const idNumber = makeIdNumber(REGION, birthDate, sequence, gender);
  return { name, idNumber, masked: maskIdNumber(idNumber), birthDate, gender };
}

// Four-character names: the demo's fictional names have two or three, so a search finds
// exactly ours.
export const FORM_MEMBER = person('欧阳知远', '1991-04-17', 123, 'male');
export const IMPORTED_MEMBERS = [
  person('司马望舒', '1993-08-02', 211, 'female'),
  person('上官映雪', '1988-12-24', 307, 'female'),
  person('诸葛明川', '1995-02-09', 419, 'male'),
];
export const ALL_NEW_MEMBERS = [FORM_MEMBER, ...IMPORTED_MEMBERS];

/** A valid number with its last character changed: the checksum no longer matches. */
export function withWrongCheckDigit(idNumber: string): string {
  const last = idNumber.slice(-1);
  const replacement = last === '1' ? '2' : '1';
  return idNumber.slice(0, 17) + replacement;
}
export const BAD_CHECKSUM_MEMBER = { name: '慕容清秋', idNumber: withWrongCheckDigit(makeIdNumber(REGION, '1992-06-30', 58, 'female')) };

export const TOWN_NAME = '乌镇镇两新工委';
export const BRANCH = { name: '乌镇青禾测试科技有限公司党支部', codeSuffix: 'E2E01' };

/** Filled in by the flows as they go. */
export const state: {
  branchId?: number;
  importJobId?: string;
  memberIds: Map<string, number>;
} = { memberIds: new Map() };

/**
 * The company flow 6 registers in 乌镇 and follows through survey, branch, dashboard and service.
 * A suffix from the clock keeps its name and credit code unique even against a reused database.
 */
const RUN = String(Date.now() % 1000).padStart(3, '0');
export const COMPANY = {
  name: `青禾云测${RUN}网络科技有限公司`,
  // 91 (enterprise) + 330483 (Tongxiang) + a 9-character body; makeUscc adds the check character.
  uscc: makeUscc(`91330483MA2E2E${RUN}`),
  kind: '商务平台',
  staff: 30,
};
export const COMPANY_BRANCH = { name: `${COMPANY.name}党支部`, codeSuffix: `COV${RUN}` };
