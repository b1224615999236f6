import { describe, it, expect } from 'vitest';
import { DEFAULT_RULE_SETTINGS } from './settings';

describe('DEFAULT_RULE_SETTINGS', () => {
  it('holds the national defaults', () => {
    expect(DEFAULT_RULE_SETTINGS.termYears.value).toEqual({
      workCommittee: 5,
      committee: 5,
      generalBranch: 3,
      branch: 3,
      jointBranch: 3,
      temporaryBranch: 3,
    });
    expect(DEFAULT_RULE_SETTINGS.termReminderMonths.value).toBe(6);
    expect(DEFAULT_RULE_SETTINGS.branchMinFullMembers.value).toBe(3);
    expect(DEFAULT_RULE_SETTINGS.committeeRequiredFullMembers.value).toBe(7);
    expect(DEFAULT_RULE_SETTINGS.branchMaxMembers.value).toBe(50);
    expect(DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.value).toBe(5);
    expect(DEFAULT_RULE_SETTINGS.secretaryMinStandingYears.value).toBe(1);
    expect(DEFAULT_RULE_SETTINGS.loginMaxFailures.value).toBe(5);
    expect(DEFAULT_RULE_SETTINGS.lockoutMinutes.value).toBe(15);
  });
  it('cites a Chinese source for every threshold', () => {
    for (const setting of Object.values(DEFAULT_RULE_SETTINGS)) {
      expect(setting.citation).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
