// Calendar dates as 'YYYY-MM-DD' strings, the form PostgreSQL `date` columns keep
// (architecture.md: one pg type parser, `date` stays 'YYYY-MM-DD'). All arithmetic is on
// integers, never on `Date` objects, so no result depends on the host's time zone.

const MS_PER_DAY = 86_400_000;

/**
 * China Standard Time has been UTC+8 all year since 1991 (no daylight saving), so a fixed
 * offset gives the same answer as the IANA zone Asia/Shanghai for any current instant, and
 * needs no Intl/ICU time-zone data (small Node builds and some browsers lack it).
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True for a real calendar date written exactly as 'YYYY-MM-DD' (year 0001–9999). */
export function isValidDate(s: string): boolean {
  return toYmd(s) !== null;
}

/** The number written by the `n` ASCII digits of `s` at `at`; -1 when one is not a digit. */
function digitsAt(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The parts of a valid date, or null. Read character by character: a roster page reads two
 * dates per row, and a regular expression's match array per date was a tenth of the page's
 * allocations.
 */
function toYmd(s: string): Ymd | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null; // '-'
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? { y, m, d } : null;
}

function parse(s: string): Ymd {
  const ymd = toYmd(s);
  if (!ymd) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return ymd;
}

function format({ y, m, d }: Ymd): string {
  if (y < 1 || y > 9999) throw new RangeError(`Year out of range: ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function formatShanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant of a wall-clock date and time in Asia/Shanghai ('2026-11-20', '14:30'). */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Same month and day `years` later (or earlier); 29 Feb becomes 28 Feb in a common year. */
export function addYears(date: string, years: number): string {
  const { y, m, d } = parse(date);
  const ny = y + years;
  return format({ y: ny, m, d: Math.min(d, daysInMonth(ny, m)) });
}

/** Same day `n` months later (or earlier), clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

function toEpochDay(date: string): number {
  const { y, m, d } = parse(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The date `n` days later (or earlier). */
export function addDays(date: string, n: number): string {
  return new Date((toEpochDay(date) + n) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * Completed years from `from` to `to`, counted like an age: a year is complete on its
 * anniversary (the anniversary of 29 Feb in a common year is 28 Feb, as in `addYears`).
 * Negative when `to` precedes `from`.
 */
export function wholeYearsBetween(from: string, to: string): number {
  if (to < from) return -wholeYearsBetween(to, from);
  const a = parse(from);
  const b = parse(to);
  // The anniversary in `to`'s year, 29 Feb falling on 28 Feb in a common year (as addYears does).
  const day = Math.min(a.d, daysInMonth(b.y, a.m));
  return b.y - a.y - (a.m > b.m || (a.m === b.m && day > b.d) ? 1 : 0);
}

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** zh-CN label: '2025年3月', '2025年第1季度', '2025年'. */
  label: string;
  /** Stable key: '2025-03', '2025-Q1', '2025'. */
  key: string;
}

/** The calendar month, quarter or year that contains `date`. */
export function periodOf(date: string, kind: PeriodKind): Period {
  const { y, m } = parse(date);
  if (kind === 'month') {
    return {
      start: format({ y, m, d: 1 }),
      end: format({ y, m, d: daysInMonth(y, m) }),
      label: `${y}年${m}月`,
      key: date.slice(0, 7),
    };
  }
  if (kind === 'quarter') {
    const q = Math.ceil(m / 3);
    const lastMonth = q * 3;
    return {
      start: format({ y, m: lastMonth - 2, d: 1 }),
      end: format({ y, m: lastMonth, d: daysInMonth(y, lastMonth) }),
      label: `${y}年第${q}季度`,
      key: `${date.slice(0, 4)}-Q${q}`,
    };
  }
  return {
    start: format({ y, m: 1, d: 1 }),
    end: format({ y, m: 12, d: 31 }),
    label: `${y}年`,
    key: date.slice(0, 4),
  };
}

/**
 * 党龄 (party standing) in completed years on `today`.
 *
 * 党章 Art. 7 and 发展党员工作细则 (approx. §33–34), domain-rules.md §3 step 24: 党龄 counts
 * from the 转正 date, and the 转正 date is the END of the probation period (one year after
 * the 支部大会 that admitted the member), not the date the higher committee approved it.
 * So `confirmedOn` must hold the probation end date. The probation year itself does not
 * count, which is why `joinedOn` is deliberately not used: a probationary member (no
 * `confirmedOn`) has 0 years, as does one whose 转正 date is still in the future.
 */
export function partyStandingYears(
  member: { joinedOn: string | null; confirmedOn: string | null },
  today: string,
): number {
  const { confirmedOn } = member;
  if (!confirmedOn || confirmedOn > today) return 0;
  return wholeYearsBetween(confirmedOn, today);
}
