import { describe, it, expect } from 'vitest';
import { DEFAULT_RULE_SETTINGS } from './settings';
import { structureWarnings, type StructureInput } from './structure';

const TODAY = '2025-06-01';

/** A healthy branch: 5 full members, one unit, a seasoned secretary, term ending in 2027. */
function branch(overrides: Partial<StructureInput> = {}): StructureInput {
  return {
    kind: 'branch',
    fullMemberCount: 5,
    memberCount: 6,
    hasCommittee: false,
    linkedUnitCount: 1,
    termDueOn: '2027-03-01',
    secretaryStandingYears: 4,
    abolished: false,
    ...overrides,
  };
}

function codes(input: StructureInput, today = TODAY): string[] {
  return structureWarnings(input, today).map((w) => w.code);
}

describe('structureWarnings', () => {
  it('finds nothing wrong with a healthy branch', () => {
    expect(structureWarnings(branch(), TODAY)).toEqual([]);
  });

  describe('full-member minimum (3)', () => {
    it('flags a branch with 2 full members as an error and suggests a joint branch', () => {
      const [warning] = structureWarnings(branch({ fullMemberCount: 2 }), TODAY);
      expect(warning).toMatchObject({
        code: 'tooFewFullMembers',
        severity: 'error',
        citation: '《中国共产党支部工作条例（试行）》第二章',
        params: { fullMemberCount: 2, min: 3 },
      });
      expect(warning?.message).toContain('2名');
      expect(warning?.message).toContain('联合党支部');
    });
    it('accepts exactly 3 full members', () => {
      expect(codes(branch({ fullMemberCount: 3 }))).toEqual([]);
    });
    it('counts full members only, not probationary ones', () => {
      expect(codes(branch({ fullMemberCount: 2, memberCount: 9 }))).toContain('tooFewFullMembers');
    });
    it('applies to joint and temporary branches too', () => {
      expect(codes(branch({ kind: 'jointBranch', fullMemberCount: 2 }))).toContain('tooFewFullMembers');
      expect(codes(branch({ kind: 'temporaryBranch', fullMemberCount: 1 }))).toContain('tooFewFullMembers');
    });
    it('does not apply to a general branch or a committee', () => {
      expect(codes(branch({ kind: 'generalBranch', fullMemberCount: 2 }))).toEqual([]);
      expect(codes(branch({ kind: 'committee', fullMemberCount: 2 }))).toEqual([]);
    });
  });

  describe('branch committee from 7 full members', () => {
    it('requires a committee at exactly 7 full members', () => {
      const warnings = structureWarnings(branch({ fullMemberCount: 7, memberCount: 7 }), TODAY);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ code: 'committeeRequired', params: { fullMemberCount: 7, threshold: 7 } });
      expect(warnings[0]?.message).toContain('7名');
    });
    it('does not require one at 6 full members', () => {
      expect(codes(branch({ fullMemberCount: 6, memberCount: 9 }))).toEqual([]);
    });
    it('is satisfied by an existing committee', () => {
      expect(codes(branch({ fullMemberCount: 12, memberCount: 12, hasCommittee: true }))).toEqual([]);
    });
  });

  describe('member maximum (50)', () => {
    it('accepts exactly 50 members', () => {
      expect(codes(branch({ fullMemberCount: 45, memberCount: 50, hasCommittee: true }))).toEqual([]);
    });
    it('warns at 51 members and suggests splitting or a general branch', () => {
      const warnings = structureWarnings(branch({ fullMemberCount: 45, memberCount: 51, hasCommittee: true }), TODAY);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ code: 'tooManyMembers', severity: 'warning', params: { memberCount: 51, max: 50 } });
      expect(warnings[0]?.message).toContain('党总支');
    });
    it('does not apply to a general branch', () => {
      expect(codes(branch({ kind: 'generalBranch', fullMemberCount: 80, memberCount: 80 }))).toEqual([]);
    });
  });

  describe('joint branch units (5)', () => {
    it('accepts exactly 5 units', () => {
      expect(codes(branch({ kind: 'jointBranch', linkedUnitCount: 5 }))).toEqual([]);
    });
    it('warns at 6 units', () => {
      const warnings = structureWarnings(branch({ kind: 'jointBranch', linkedUnitCount: 6 }), TODAY);
      expect(warnings.map((w) => [w.code, w.severity])).toEqual([['jointBranchTooManyUnits', 'warning']]);
      expect(warnings[0]?.message).toContain('6个单位');
    });
    it('ignores linked units on an ordinary branch', () => {
      expect(codes(branch({ linkedUnitCount: 9 }))).toEqual([]);
    });
  });

  describe('term', () => {
    it('says nothing more than 6 months before the end', () => {
      expect(codes(branch({ termDueOn: '2025-12-02' }))).toEqual([]);
    });
    it('reminds exactly 6 months before the end', () => {
      const warnings = structureWarnings(branch({ termDueOn: '2025-12-01' }), TODAY);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        code: 'termDueSoon',
        severity: 'warning',
        params: { termDueOn: '2025-12-01', daysLeft: 183, reminderMonths: 6 },
      });
      expect(warnings[0]?.message).toContain('2025-12-01');
    });
    it('still only reminds on the day the term ends', () => {
      expect(structureWarnings(branch({ termDueOn: TODAY }), TODAY)).toMatchObject([
        { code: 'termDueSoon', severity: 'warning', params: { daysLeft: 0 } },
      ]);
    });
    it('flags the day after the end as overdue', () => {
      expect(structureWarnings(branch({ termDueOn: '2025-05-31' }), TODAY)).toMatchObject([
        { code: 'termOverdue', severity: 'error', params: { termDueOn: '2025-05-31', daysOverdue: 1 } },
      ]);
    });
    it('checks terms of committees and general branches too', () => {
      expect(codes(branch({ kind: 'committee', termDueOn: '2024-01-01' }))).toEqual(['termOverdue']);
      expect(codes(branch({ kind: 'generalBranch', termDueOn: '2025-07-01' }))).toEqual(['termDueSoon']);
    });
    it('says nothing when no term is recorded', () => {
      expect(codes(branch({ termDueOn: null }))).toEqual([]);
    });
  });

  describe('secretary', () => {
    it('warns when the branch has no secretary', () => {
      expect(structureWarnings(branch({ secretaryStandingYears: null }), TODAY)).toMatchObject([
        { code: 'noSecretary', severity: 'warning' },
      ]);
    });
    it('warns about a missing secretary in committees as well', () => {
      expect(codes(branch({ kind: 'committee', secretaryStandingYears: null }))).toEqual(['noSecretary']);
    });
    it('warns when a branch secretary has less than 1 year of standing', () => {
      expect(structureWarnings(branch({ secretaryStandingYears: 0 }), TODAY)).toMatchObject([
        { code: 'secretaryStandingShort', severity: 'warning', params: { secretaryStandingYears: 0, min: 1 } },
      ]);
    });
    it('accepts a branch secretary with exactly 1 year of standing', () => {
      expect(codes(branch({ secretaryStandingYears: 1 }))).toEqual([]);
    });
    it('does not apply the branch-secretary standing rule to a committee', () => {
      expect(codes(branch({ kind: 'committee', secretaryStandingYears: 0 }))).toEqual([]);
    });
  });

  it('reports nothing for an abolished organisation', () => {
    const broken = branch({ fullMemberCount: 1, memberCount: 60, termDueOn: '2020-01-01', secretaryStandingYears: null });
    expect(structureWarnings({ ...broken, abolished: true }, TODAY)).toEqual([]);
  });

  it('reports nothing for a working office', () => {
    expect(structureWarnings(branch({ kind: 'office', fullMemberCount: 0, secretaryStandingYears: null }), TODAY)).toEqual([]);
  });

  it('reports every broken rule at once, each with zh and en text and a citation', () => {
    const warnings = structureWarnings(
      branch({ kind: 'jointBranch', fullMemberCount: 2, memberCount: 55, linkedUnitCount: 7, termDueOn: '2025-01-01', secretaryStandingYears: 0 }),
      TODAY,
    );
    expect(warnings.map((w) => w.code)).toEqual([
      'tooFewFullMembers',
      'tooManyMembers',
      'jointBranchTooManyUnits',
      'termOverdue',
      'secretaryStandingShort',
    ]);
    for (const w of warnings) {
      expect(w.message).toMatch(/[\u4e00-\u9fff]/);
      expect(w.messageEn).toMatch(/^[A-Z0-9]/);
      expect(w.citation).not.toBe('');
    }
  });

  it('follows tenant settings', () => {
    const settings = {
      ...DEFAULT_RULE_SETTINGS,
      branchMaxMembers: { ...DEFAULT_RULE_SETTINGS.branchMaxMembers, value: 40 },
    };
    const input = branch({ fullMemberCount: 30, memberCount: 41, hasCommittee: true });
    expect(structureWarnings(input, TODAY, settings).map((w) => w.code)).toEqual(['tooManyMembers']);
  });
});
