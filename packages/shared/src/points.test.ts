import { describe, expect, it } from 'vitest';
import { awardPointsProblem, capAllowance, capUsage, DEFAULT_POINTS_RULES, memberIndexValue, orgIndexValue, rulebookInForce, ruleValidOn, starsFor } from './points';

const none = { capDay: null, capMonth: null, capYear: null };

describe('capAllowance', () => {
  it('gives the full points when no cap is set or nothing is used', () => {
    expect(capAllowance(2, none, { day: 50, month: 50, year: 50 })).toBe(2);
    expect(capAllowance(1, { ...none, capDay: 1 }, { day: 0, month: 0, year: 0 })).toBe(1);
  });

  it('gives partial points up to the tightest cap, and 0 once reached', () => {
    expect(capAllowance(2, { ...none, capYear: 12 }, { day: 0, month: 0, year: 11 })).toBe(1);
    expect(capAllowance(1, { ...none, capYear: 12 }, { day: 0, month: 0, year: 12 })).toBe(0);
    expect(capAllowance(3, { capDay: 5, capMonth: 4.5, capYear: 100 }, { day: 0, month: 2, year: 2 })).toBe(2.5);
  });

  it('bounds the magnitude of deductions', () => {
    expect(capAllowance(-2, { ...none, capYear: 5 }, { day: 0, month: 0, year: -4 })).toBe(-1);
    expect(capAllowance(-2, { ...none, capYear: 4 }, { day: 0, month: 0, year: -4 })).toBe(0);
  });
});

describe('capUsage at Asia/Shanghai calendar boundaries', () => {
  const entries = [
    { occurredOn: '2026-01-31', points: 1 },
    { occurredOn: '2026-02-01', points: 1 },
    { occurredOn: '2026-12-31', points: 1 },
  ];
  it('counts a day, a month and a year by the date of occurrence', () => {
    expect(capUsage(entries, '2026-01-31')).toEqual({ day: 1, month: 1, year: 3 });
    expect(capUsage(entries, '2026-02-01')).toEqual({ day: 1, month: 1, year: 3 });
    expect(capUsage(entries, '2026-02-02')).toEqual({ day: 0, month: 1, year: 3 });
    expect(capUsage(entries, '2027-01-01')).toEqual({ day: 0, month: 0, year: 0 });
  });
  it('nets a reversal and its original to zero', () => {
    expect(capUsage([{ occurredOn: '2026-03-01', points: 1 }, { occurredOn: '2026-03-01', points: -1 }], '2026-03-01').day).toBe(0);
  });
});

describe('rulebookInForce', () => {
  const books = [
    { version: 1, publishedOn: '2026-02-10' },
    { version: 2, publishedOn: '2026-06-01' },
    { version: 3, publishedOn: null },
  ];
  it('applies the first version from 1 January, a later one from its publication on', () => {
    expect(rulebookInForce(books, '2026-01-05')?.version).toBe(1);
    expect(rulebookInForce(books, '2026-05-31')?.version).toBe(1);
    expect(rulebookInForce(books, '2026-06-01')?.version).toBe(2);
    expect(rulebookInForce(books, '2026-12-31')?.version).toBe(2);
  });
  it('ignores drafts, and finds nothing when nothing is published', () => {
    expect(rulebookInForce([{ version: 1, publishedOn: null }], '2026-03-01')).toBeUndefined();
  });
});

describe('indices', () => {
  it('adds the year\'s points to the base, never below 0', () => {
    expect(memberIndexValue(60, 12.5)).toBe(72.5);
    expect(memberIndexValue(60, -80)).toBe(0);
  });
  it('gives stars by thresholds', () => {
    expect(starsFor(59.9, [60, 70, 80, 90, 100])).toBe(0);
    expect(starsFor(60, [60, 70, 80, 90, 100])).toBe(1);
    expect(starsFor(130, [60, 70, 80, 90, 100])).toBe(5);
  });
  it('averages the members of an organisation and reports the active share', () => {
    expect(orgIndexValue([60, 70, 71], 2)).toEqual({ value: 67, activeShare: 0.667 });
    expect(orgIndexValue([], 0)).toEqual({ value: null, activeShare: null });
  });
});

describe('rules', () => {
  it('validity periods include both ends', () => {
    expect(ruleValidOn({ validFrom: '2026-03-01', validTo: '2026-03-31' }, '2026-03-31')).toBe(true);
    expect(ruleValidOn({ validFrom: '2026-03-01', validTo: '2026-03-31' }, '2026-04-01')).toBe(false);
  });
  it('refuses negative points on a positive rule and more than the rule gives', () => {
    expect(awardPointsProblem(5, -5)).toMatch('加分项');
    expect(awardPointsProblem(-2, 2)).toMatch('扣分项');
    expect(awardPointsProblem(5, 6)).toMatch('最多 5 分');
    expect(awardPointsProblem(5, 2.5)).toBeNull();
  });
  it('ships a default rulebook with unique codes, automatic rules tied to outcomes', () => {
    const codes = DEFAULT_POINTS_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of DEFAULT_POINTS_RULES) expect(r.earnMode === 'auto').toBe(r.outcomeKind !== null);
    expect(DEFAULT_POINTS_RULES.find((r) => r.outcomeKind === 'meetingAttended')).toMatchObject({ points: 1, capYear: 12 });
    expect(DEFAULT_POINTS_RULES.some((r) => r.points < 0 && r.evidenceRequired)).toBe(true);
  });
});
