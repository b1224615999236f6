import { describe, it, expect } from 'vitest';
import {
  EDUCATION_LEVEL_CODES,
  EDUCATION_LEVEL_LABELS,
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDER_LABELS,
  GENDERS,
  KEY_POSITION_LABELS,
  KEY_POSITIONS,
  LEADERSHIP_POST_LABELS,
  LEADERSHIP_POSTS,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  ORG_KIND_INFO,
  ORG_KIND_LABELS,
  ORG_KINDS,
  ROLE_LABELS,
  ROLES,
  isBranchLike,
} from './enums';

describe('enum labels', () => {
  const pairs: Array<[string, readonly string[], Record<string, { zh: string; en: string }>]> = [
    ['ORG_KIND', ORG_KINDS, ORG_KIND_LABELS],
    ['MEMBER_CATEGORY', MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS],
    ['MEMBER_STATUS', MEMBER_STATUSES, MEMBER_STATUS_LABELS],
    ['KEY_POSITION', KEY_POSITIONS, KEY_POSITION_LABELS],
    ['GENDER', GENDERS, GENDER_LABELS],
    ['EDUCATION_LEVEL', EDUCATION_LEVELS, EDUCATION_LEVEL_LABELS],
    ['LEADERSHIP_POST', LEADERSHIP_POSTS, LEADERSHIP_POST_LABELS],
    ['ROLE', ROLES, ROLE_LABELS],
  ];
  it.each(pairs)('%s has a zh and an en label for every value and nothing else', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) {
      expect(labels[value]?.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(labels[value]?.en).toMatch(/^[A-Z]/);
    }
  });
});

describe('ORG_KIND_INFO', () => {
  it('uses the 党内统计 codes for 党委, 总支, 支部 and 联合支部', () => {
    expect(ORG_KIND_INFO.committee.statCode).toBe('611');
    expect(ORG_KIND_INFO.generalBranch.statCode).toBe('621');
    expect(ORG_KIND_INFO.branch.statCode).toBe('631');
    expect(ORG_KIND_INFO.jointBranch.statCode).toBe('632');
    expect(ORG_KIND_INFO.office.statCode).toBeNull();
  });
  it('treats only branch, joint branch and temporary branch as branch-like', () => {
    expect(ORG_KINDS.filter(isBranchLike)).toEqual(['branch', 'jointBranch', 'temporaryBranch']);
  });
  it('names the kinds in Chinese', () => {
    expect(ORG_KINDS.map((k) => ORG_KIND_INFO[k].zh)).toEqual([
      '党工委', '党委', '党总支', '党支部', '联合党支部', '临时党支部', '工作机构',
    ]);
  });
});

describe('EDUCATION_LEVEL_CODES', () => {
  it('numbers the levels 1 to 6 from 研究生 down', () => {
    expect(EDUCATION_LEVELS.map((l) => EDUCATION_LEVEL_CODES[l])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('ETHNICITIES', () => {
  it('lists 56 distinct full names, 汉族 first', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES).size).toBe(56);
    expect(ETHNICITIES[0]).toBe('汉族');
    for (const name of ETHNICITIES) expect(name.endsWith('族')).toBe(true);
  });
});
