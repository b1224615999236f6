import { describe, expect, it } from 'vitest';
import {
  countCells,
  countCoverage,
  coverageDefinition,
  coverageFigures,
  formatRate,
  inDenominator,
  jointOverLimit,
  shouldBuildOwn,
  sizeBandOf,
  suggestionRule,
  uncoveredWithMembers,
  type CoverageFacts,
  type CoverageMode,
  type DenominatorFacts,
} from './coverage';

const operating: DenominatorFacts = { operatingStatus: 'operating', hasFixedPremises: true, staffCount: 25, goneOn: null };

/** A company in the denominator with a mode and (optionally) a work measure. */
const company = (mode: CoverageMode, workMeasure = false, counted = true): CoverageFacts => ({ inDenominator: counted, mode, workMeasure });

const figure = (facts: CoverageFacts[], rate: 'organisation' | 'standalone' | 'work') => coverageFigures(countCoverage(facts)).find((f) => f.rate === rate)!;

describe('inDenominator (实体运营)', () => {
  it('counts an operating company with fixed premises and enough staff', () => {
    expect(inDenominator(operating, 10)).toBe(true);
  });

  it('leaves closed, suspended, moved-out and shell companies out', () => {
    for (const status of ['closed', 'suspended', 'movedOut', 'shell'] as const) {
      expect(inDenominator({ ...operating, operatingStatus: status }, 10)).toBe(false);
    }
  });

  it('leaves out companies without fixed premises, under the staff threshold, without a staff count, or gone from the registry', () => {
    expect(inDenominator({ ...operating, hasFixedPremises: false }, 10)).toBe(false);
    expect(inDenominator({ ...operating, staffCount: 9 }, 10)).toBe(false);
    expect(inDenominator({ ...operating, staffCount: 10 }, 10)).toBe(true);
    expect(inDenominator({ ...operating, staffCount: null }, 10)).toBe(false);
    expect(inDenominator({ ...operating, goneOn: '2026-05-01' }, 10)).toBe(false);
  });

  it('follows the deployment threshold', () => {
    expect(inDenominator({ ...operating, staffCount: 9 }, 5)).toBe(true);
    expect(inDenominator({ ...operating, staffCount: 25 }, 30)).toBe(false);
  });
});

describe('coverage rates against hand-computed cases', () => {
  it('takes closed companies out of numerator and denominator alike', () => {
    // 4 counted: 2 standalone, 1 joint, 1 none; 2 closed standalone companies do not count at all.
    const facts = [company('standalone'), company('standalone'), company('joint'), company('none'), company('standalone', true, false), company('standalone', false, false)];
    expect(figure(facts, 'organisation')).toEqual({ rate: 'organisation', numerator: 3, denominator: 4, value: 0.75 });
    expect(figure(facts, 'standalone')).toEqual({ rate: 'standalone', numerator: 2, denominator: 4, value: 0.5 });
  });

  it('counts jointly covered companies as organised but not as standalone', () => {
    const facts = [company('joint'), company('joint'), company('joint'), company('none')];
    expect(figure(facts, 'organisation').value).toBe(0.75);
    expect(figure(facts, 'standalone').value).toBe(0);
    expect(countCoverage(facts)).toMatchObject({ joint: 3, organised: 3, standalone: 0 });
  });

  it('counts a lead-built chain: each chain company is organised through the lead', () => {
    // One lead company with its own branch and three chain companies it builds for.
    const facts = [company('standalone'), company('leadBuilt'), company('leadBuilt'), company('leadBuilt'), company('none')];
    expect(countCoverage(facts)).toMatchObject({ denominator: 5, organised: 4, standalone: 1, leadBuilt: 3 });
    expect(figure(facts, 'organisation').value).toBe(0.8);
    expect(figure(facts, 'standalone').value).toBe(0.2);
  });

  it('counts work-only coverage in the work rate but not in the organisation rate', () => {
    // 2 organised, 3 reached by instructor / union / league only, 5 with nothing.
    const facts = [company('standalone'), company('fallback', true), ...Array.from({ length: 3 }, () => company('none', true)), ...Array.from({ length: 5 }, () => company('none'))];
    expect(figure(facts, 'organisation')).toMatchObject({ numerator: 2, denominator: 10, value: 0.2 });
    expect(figure(facts, 'work')).toMatchObject({ numerator: 5, denominator: 10, value: 0.5 });
  });

  it('counts industry-linked and fallback organisations as organisational coverage', () => {
    const facts = [company('industryLinked'), company('fallback'), company('none'), company('none')];
    expect(figure(facts, 'organisation').value).toBe(0.5);
    expect(figure(facts, 'work').value).toBe(0.5);
  });

  it('gives no value (shown as "—", not 0 %) when the denominator is 0', () => {
    const facts = [company('standalone', false, false), company('none', true, false)];
    for (const f of coverageFigures(countCoverage(facts))) {
      expect(f).toMatchObject({ numerator: 0, denominator: 0, value: null });
      expect(formatRate(f.value)).toBe('—');
    }
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(2 / 3)).toBe('66.7%');
  });

  it('sums kept cells to the same counts as the companies themselves', () => {
    const facts = [company('standalone'), company('standalone'), company('joint', true), company('none', true), company('none'), company('none', false, false)];
    const cells = [
      { ...company('standalone'), n: 2 },
      { ...company('joint', true), n: 1 },
      { ...company('none', true), n: 1 },
      { ...company('none'), n: 1 },
      { ...company('none', false, false), n: 1 },
    ];
    expect(countCells(cells)).toEqual(countCoverage(facts));
  });
});

describe('definitions', () => {
  it('fill in the deployment staff threshold and cite the basis', () => {
    expect(coverageDefinition('organisation', 10)).toContain('不少于10人');
    expect(coverageDefinition('work', 20)).toContain('不少于20人');
  });
});

describe('suggested actions', () => {
  it('asks a company with 3+ full members and no own organisation to build one', () => {
    expect(shouldBuildOwn(3, 'joint', 3)).toBe(true);
    expect(shouldBuildOwn(5, 'none', 3)).toBe(true);
    expect(shouldBuildOwn(2, 'none', 3)).toBe(false);
    expect(shouldBuildOwn(12, 'standalone', 3)).toBe(false);
  });

  it('flags members without any coverage, but not work-covered companies', () => {
    expect(uncoveredWithMembers(1, 'none', false)).toBe(true);
    expect(uncoveredWithMembers(1, 'none', true)).toBe(false);
    expect(uncoveredWithMembers(0, 'none', false)).toBe(false);
    expect(uncoveredWithMembers(4, 'fallback', false)).toBe(false);
  });

  it('flags a joint branch over the unit limit', () => {
    expect(jointOverLimit(6, 5)).toBe(true);
    expect(jointOverLimit(5, 5)).toBe(false);
    expect(suggestionRule('jointOverLimit', 5)).toContain('不超过5个');
  });
});

describe('sizeBandOf', () => {
  it('matches the database bands at their edges', () => {
    expect([null, 0, 9, 10, 49, 50, 299, 300].map(sizeBandOf)).toEqual(['unknown', 'under10', 'under10', 'from10to49', 'from10to49', 'from50to299', 'from50to299', 'from300']);
  });
});
