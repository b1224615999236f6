import { describe, it, expect } from 'vitest';
import { FICTIONAL_GIVEN_CHARS, FICTIONAL_SURNAMES, REGION_CODE_TONGXIANG, makeFictionalName } from './names';

/** Deterministic generator (mulberry32) so the test is reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fictional names', () => {
  it('offers about 60 distinct surnames and 150 distinct given-name characters', () => {
    expect(new Set(FICTIONAL_SURNAMES).size).toBe(FICTIONAL_SURNAMES.length);
    expect(FICTIONAL_SURNAMES.length).toBeGreaterThanOrEqual(55);
    expect(new Set(FICTIONAL_GIVEN_CHARS).size).toBe(FICTIONAL_GIVEN_CHARS.length);
    expect(FICTIONAL_GIVEN_CHARS.length).toBeGreaterThanOrEqual(140);
    for (const c of FICTIONAL_GIVEN_CHARS) expect(c).toMatch(/^[\u4e00-\u9fff]$/);
  });
  it('makes 2- and 3-character names, about 30% with 2 characters', () => {
    const rand = seeded(42);
    const names = Array.from({ length: 2000 }, () => makeFictionalName(rand));
    for (const name of names) {
      expect(name.length === 2 || name.length === 3).toBe(true);
      expect(FICTIONAL_SURNAMES).toContain(name[0]);
    }
    const share = names.filter((n) => n.length === 2).length / names.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
  it('repeats the same names for the same seed', () => {
    const a = seeded(7);
    const b = seeded(7);
    expect(Array.from({ length: 20 }, () => makeFictionalName(a))).toEqual(
      Array.from({ length: 20 }, () => makeFictionalName(b)),
    );
  });
  it('does not break when the generator returns values close to 1', () => {
    expect(makeFictionalName(() => 0.9999999999).length).toBe(3);
  });
  it('uses the Tongxiang region code', () => {
    expect(REGION_CODE_TONGXIANG).toBe('330483');
  });
});
