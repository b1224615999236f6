import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  isValidDate,
  partyStandingYears,
  periodOf,
  todayInShanghai,
  formatShanghaiDateTime,
  shanghaiInstant,
  wholeYearsBetween,
} from './dates';

describe('todayInShanghai', () => {
  it('is already the next day in Shanghai at 16:00 UTC', () => {
    expect(todayInShanghai(new Date('2025-03-31T16:00:00Z'))).toBe('2025-04-01');
  });
  it('is still the same day in Shanghai at 15:59:59 UTC', () => {
    expect(todayInShanghai(new Date('2025-03-31T15:59:59Z'))).toBe('2025-03-31');
  });
  it('crosses the year at 16:00 UTC on 31 December', () => {
    expect(todayInShanghai(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });
});

describe('Shanghai wall-clock times', () => {
  it('formats an instant in UTC+8, crossing midnight', () => {
    expect(formatShanghaiDateTime(new Date('2025-03-31T16:30:00Z'))).toBe('2025-04-01 00:30');
  });
  it('reads a wall-clock time back to the same instant', () => {
    expect(shanghaiInstant('2025-04-01', '00:30').toISOString()).toBe('2025-03-31T16:30:00.000Z');
    expect(formatShanghaiDateTime(shanghaiInstant('2026-11-20', '14:05'))).toBe('2026-11-20 14:05');
  });
});

describe('isValidDate', () => {
  it('accepts real dates including 29 February of a leap year', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
  });
  it('rejects impossible dates', () => {
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2025-04-31')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-00-10')).toBe(false);
  });
  it('rejects other spellings of a date', () => {
    expect(isValidDate('2025-3-1')).toBe(false);
    expect(isValidDate('2025/03/01')).toBe(false);
    expect(isValidDate('2025-03-01T00:00')).toBe(false);
    expect(isValidDate('')).toBe(false);
    expect(isValidDate('２０２５-03-01')).toBe(false); // full-width digits
    expect(isValidDate('2025-+3-01')).toBe(false);
    expect(isValidDate('2025-03-1 ')).toBe(false);
    expect(isValidDate('2025-03-0:')).toBe(false); // the character after '9'
    expect(isValidDate('2025-03-/1')).toBe(false); // the character before '0'
    expect(isValidDate('0000-01-01')).toBe(false);
  });
});

describe('addYears', () => {
  it('keeps month and day', () => {
    expect(addYears('2023-06-15', 3)).toBe('2026-06-15');
    expect(addYears('2023-06-15', -1)).toBe('2022-06-15');
  });
  it('turns 29 February into 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('throws on an invalid date', () => {
    expect(() => addYears('2023-02-30', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('moves across year ends both ways', () => {
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-02-15', -3)).toBe('2024-11-15');
    expect(addMonths('2025-01-15', -12)).toBe('2024-01-15');
  });
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', -6)).toBe('2025-02-28');
  });
});

describe('addDays and daysBetween', () => {
  it('counts days across a leap day', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });
});

describe('wholeYearsBetween', () => {
  it('counts a year only once its anniversary is reached', () => {
    expect(wholeYearsBetween('1990-06-15', '2025-06-14')).toBe(34);
    expect(wholeYearsBetween('1990-06-15', '2025-06-15')).toBe(35);
  });
  it('completes a 29 February year on 28 February of a common year', () => {
    expect(wholeYearsBetween('2024-02-29', '2025-02-27')).toBe(0);
    expect(wholeYearsBetween('2024-02-29', '2025-02-28')).toBe(1);
  });
  it('is zero on the same day and negative backwards', () => {
    expect(wholeYearsBetween('2025-05-05', '2025-05-05')).toBe(0);
    expect(wholeYearsBetween('2025-05-05', '2023-05-05')).toBe(-2);
  });
});

describe('periodOf', () => {
  it('gives the calendar month with its last day', () => {
    expect(periodOf('2024-02-10', 'month')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
      label: '2024年2月',
      key: '2024-02',
    });
  });
  it('gives the calendar quarter', () => {
    expect(periodOf('2025-05-20', 'quarter')).toEqual({
      start: '2025-04-01',
      end: '2025-06-30',
      label: '2025年第2季度',
      key: '2025-Q2',
    });
    expect(periodOf('2025-12-31', 'quarter').start).toBe('2025-10-01');
    expect(periodOf('2025-01-01', 'quarter').end).toBe('2025-03-31');
  });
  it('gives the calendar year', () => {
    expect(periodOf('2025-07-01', 'year')).toEqual({
      start: '2025-01-01',
      end: '2025-12-31',
      label: '2025年',
      key: '2025',
    });
  });
});

describe('partyStandingYears', () => {
  it('counts from the 转正 date, not the joining date', () => {
    const member = { joinedOn: '2019-07-01', confirmedOn: '2020-07-01' };
    expect(partyStandingYears(member, '2025-06-30')).toBe(4);
    expect(partyStandingYears(member, '2025-07-01')).toBe(5);
  });
  it('is zero for a probationary member', () => {
    expect(partyStandingYears({ joinedOn: '2024-03-01', confirmedOn: null }, '2025-06-01')).toBe(0);
  });
  it('is zero when the 转正 date is still ahead', () => {
    expect(partyStandingYears({ joinedOn: '2024-09-01', confirmedOn: '2025-09-01' }, '2025-06-01')).toBe(0);
  });
});
