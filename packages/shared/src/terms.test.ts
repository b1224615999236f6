import { describe, it, expect } from 'vitest';
import { DEFAULT_RULE_SETTINGS } from './settings';
import { termDueDate } from './terms';

describe('termDueDate', () => {
  it('gives a branch, joint branch, temporary branch and general branch a 3-year term', () => {
    for (const kind of ['branch', 'jointBranch', 'temporaryBranch', 'generalBranch'] as const) {
      expect(termDueDate(kind, '2023-04-10')).toBe('2026-04-10');
    }
  });
  it('gives a committee and a work committee a 5-year term', () => {
    expect(termDueDate('committee', '2021-09-01')).toBe('2026-09-01');
    expect(termDueDate('workCommittee', '2021-09-01')).toBe('2026-09-01');
  });
  it('has no term for a working office', () => {
    expect(termDueDate('office', '2021-09-01')).toBeNull();
  });
  it('ends a term started on 29 February on 28 February', () => {
    expect(termDueDate('branch', '2024-02-29')).toBe('2027-02-28');
  });
  it('follows a tenant setting that lengthens branch terms', () => {
    const settings = {
      ...DEFAULT_RULE_SETTINGS,
      termYears: {
        ...DEFAULT_RULE_SETTINGS.termYears,
        value: { ...DEFAULT_RULE_SETTINGS.termYears.value, branch: 5 },
      },
    };
    expect(termDueDate('branch', '2023-04-10', settings)).toBe('2028-04-10');
  });
});
