import { describe, expect, it } from 'vitest';
import { appealOpen, checkProposal, countGrades, gradeAllowedFor, maxExcellent, reviewFinished, type ProposalParticipant, type ProposedGrade } from './appraisal';

const people = (full: number, probationary = 0): ProposalParticipant[] => [
  ...Array.from({ length: full }, (_, i) => ({ memberId: i + 1, name: `正式${i + 1}`, category: 'full' as const })),
  ...Array.from({ length: probationary }, (_, i) => ({ memberId: full + i + 1, name: `预备${i + 1}`, category: 'probationary' as const })),
];

/** The first `excellent` members rated 优秀 with a reason, the rest 合格. */
const grades = (ps: ProposalParticipant[], excellent: number): ProposedGrade[] =>
  ps.map((p, i) => (i < excellent ? { memberId: p.memberId, grade: 'excellent', reason: '带头攻关' } : { memberId: p.memberId, grade: 'qualified' }));

describe('maxExcellent', () => {
  it('allows exactly one third, rounded down', () => {
    expect(maxExcellent(9)).toBe(3);
    expect(maxExcellent(12)).toBe(4);
    expect(maxExcellent(10)).toBe(3);
    expect(maxExcellent(30)).toBe(10);
  });
  it('gives small branches what the floor gives: none below three members', () => {
    expect(maxExcellent(0)).toBe(0);
    expect(maxExcellent(1)).toBe(0);
    expect(maxExcellent(2)).toBe(0);
    expect(maxExcellent(3)).toBe(1);
    expect(maxExcellent(5)).toBe(1);
  });
  it('follows a deployment share and ignores a nonsensical one', () => {
    expect(maxExcellent(10, 0.5)).toBe(5);
    expect(maxExcellent(9, 0)).toBe(3);
    expect(maxExcellent(9, 2)).toBe(3);
    expect(maxExcellent(9, Number.NaN)).toBe(3);
  });
});

describe('checkProposal', () => {
  it('accepts exactly one third rated 优秀', () => {
    const ps = people(9);
    expect(checkProposal(ps, grades(ps, 3))).toEqual([]);
  });

  it('refuses one more than a third, naming the field and the limit', () => {
    const ps = people(9);
    const issues = checkProposal(ps, grades(ps, 4));
    expect(issues).toEqual([{ path: 'grades', message: expect.stringContaining('超过上限 3 人') }]);
  });

  it('refuses any 优秀 in a branch of two', () => {
    const ps = people(2);
    expect(checkProposal(ps, grades(ps, 1)).map((i) => i.path)).toEqual(['grades']);
    expect(checkProposal(ps, grades(ps, 0))).toEqual([]);
  });

  it('refuses a probationary member rated 优秀, naming the member', () => {
    const ps = people(5, 1);
    const g = grades(ps, 0);
    g[5] = { memberId: 6, grade: 'excellent', reason: '表现突出' };
    expect(checkProposal(ps, g)).toEqual([{ path: 'grades.5.grade', message: expect.stringContaining('预备1 是预备党员') }]);
  });

  it('needs a reason for 优秀, 基本合格 and 不合格 but not for 合格', () => {
    const ps = people(6);
    const g: ProposedGrade[] = [
      { memberId: 1, grade: 'excellent', reason: ' ' },
      { memberId: 2, grade: 'basicallyQualified' },
      { memberId: 3, grade: 'unqualified', reason: null },
      { memberId: 4, grade: 'qualified' },
      { memberId: 5, grade: 'qualified' },
      { memberId: 6, grade: 'qualified' },
    ];
    expect(checkProposal(ps, g).map((i) => i.path)).toEqual(['grades.0.reason', 'grades.1.reason', 'grades.2.reason']);
  });

  it('needs every participant graded exactly once, and only participants', () => {
    const ps = people(3);
    const issues = checkProposal(ps, [
      { memberId: 1, grade: 'qualified' },
      { memberId: 1, grade: 'qualified' },
      { memberId: 99, grade: 'qualified' },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['grades.1.memberId', 'grades.2.memberId', 'grades']);
    expect(issues[2]?.message).toContain('正式2、正式3');
  });
});

describe('grades and progress', () => {
  it('keeps probationary members from 优秀 only', () => {
    expect(gradeAllowedFor('probationary', 'excellent')).toBe(false);
    expect(gradeAllowedFor('probationary', 'qualified')).toBe(true);
    expect(gradeAllowedFor('full', 'excellent')).toBe(true);
  });
  it('counts grades', () => {
    expect(countGrades(['excellent', 'qualified', 'qualified', null])).toEqual({ excellent: 1, qualified: 2, basicallyQualified: 0, unqualified: 0 });
  });
  it('finishes a member with the self-review and every other participant reviewed', () => {
    expect(reviewFinished(true, 3, 4)).toBe(true);
    expect(reviewFinished(false, 3, 4)).toBe(false);
    expect(reviewFinished(true, 2, 4)).toBe(false);
    expect(reviewFinished(true, 0, 1)).toBe(true);
  });
  it('keeps the appeal window open through its last day', () => {
    expect(appealOpen('2026-12-03', '2026-12-03')).toBe(true);
    expect(appealOpen('2026-12-03', '2026-12-04')).toBe(false);
    expect(appealOpen(null, '2026-12-01')).toBe(false);
  });
});
