// Points (积分制考评): the default rulebook, caps, rule versions in force, and the member and
// organisation index formulas. Pure functions only; the server applies them to the ledger.
// domain-rules §6 has the sources; policy.md the limits (capped, tied to verified outcomes,
// appealable, no default rankings of people).

import type { Role } from './enums';
import type { EarnMode, OutcomeKind, PointsCategory } from './learning';
import type { RuleSetting } from './settings';

/** Ledger statuses that count towards caps and sums: a reversed entry and its negative twin net to zero. */
export const COUNTED_ENTRY_STATUSES = ['pending', 'active', 'reversed'] as const;
/** Statuses that count in an index: pending awards wait for approval. */
export const INDEXED_ENTRY_STATUSES = ['active', 'reversed'] as const;

/** Roles that may be named as awarders or approvers of a rule. */
export const POINTS_RULE_ROLES = ['orgAdmin', 'townCoordinator', 'cityAdmin', 'sysadmin'] as const satisfies readonly Role[];
export type PointsRuleRole = (typeof POINTS_RULE_ROLES)[number];

export const APPEAL_STATUSES = ['open', 'upheld', 'corrected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export interface PointsRuleSpec {
  /** Stable across versions and years: caps and once-only count by code. */
  code: string;
  category: PointsCategory;
  item: string;
  description: string | null;
  points: number;
  capDay: number | null;
  capMonth: number | null;
  capYear: number | null;
  onceOnly: boolean;
  earnMode: EarnMode;
  outcomeKind: OutcomeKind | null;
  evidenceRequired: boolean;
  awardRoles: PointsRuleRole[];
  approveRoles: PointsRuleRole[];
}

const WAIBAN = '市外办机关党员积分方案（2024）：三会一课、组织生活会、民主评议每次 +1';
const GUIDE = '党员积分制管理评分标准（实践指南）：三会一课每次计分，全年上限 12 次；集中学习每次 +2';
const XUEXI = '参照“学习强国”按日封顶的计分方式（domain-rules §6.2）';
const NORTH = '内蒙古“北疆先锋”扣分表：无故缺席三会一课、主题党日每次 −2';
const ADMINS: PointsRuleRole[] = ['orgAdmin', 'townCoordinator', 'cityAdmin'];
const ABOVE_BRANCH: PointsRuleRole[] = ['townCoordinator', 'cityAdmin'];

const auto = (code: string, category: PointsCategory, item: string, points: number, outcomeKind: OutcomeKind, description: string, caps: Partial<Pick<PointsRuleSpec, 'capDay' | 'capMonth' | 'capYear'>> = {}): PointsRuleSpec => ({
  code, category, item, description, points, capDay: caps.capDay ?? null, capMonth: caps.capMonth ?? null, capYear: caps.capYear ?? null,
  onceOnly: false, earnMode: 'auto', outcomeKind, evidenceRequired: false, awardRoles: [], approveRoles: [],
});
const award = (code: string, category: PointsCategory, item: string, points: number, description: string, options: Partial<PointsRuleSpec> = {}): PointsRuleSpec => ({
  code, category, item, description, points, capDay: null, capMonth: null, capYear: null, onceOnly: false, earnMode: 'award', outcomeKind: null,
  evidenceRequired: true, awardRoles: ADMINS, approveRoles: [], ...options,
});

/**
 * The default rulebook a deployment starts from (no national standard exists, domain-rules
 * §6.1: model the local schemes as data). Automatic rules follow verified outcomes; awarded
 * ones need a person, written evidence and, for the larger items, approval one level up.
 */
export const DEFAULT_POINTS_RULES: PointsRuleSpec[] = [
  auto('orgLife.meeting', 'orgLife', '参加“三会一课”等组织生活', 1, 'meetingAttended', `${WAIBAN}；${GUIDE}`, { capYear: 12 }),
  auto('learning.course', 'learning', '完成一门党课学习', 2, 'courseCompleted', GUIDE),
  auto('learning.quiz', 'learning', '一键答题达标', 1, 'quizPassed', `${XUEXI}；每日至多 1 分，全年至多 24 分（本平台默认值，不设每日任务）`, { capDay: 1, capYear: 24 }),
  auto('learning.exam', 'learning', '考试合格', 3, 'examPassed', '专题考试合格计分（本平台默认值）'),
  auto('volunteer.project', 'volunteer', '志愿服务项目通过验收', 2, 'volunteerAccepted', '参照企业党员积分方案“争创分”：参加志愿服务计分（本平台默认值）'),
  award('pioneer.challenge', 'pioneer', '技术攻关取得成果', 5, '党员在技术攻关中发挥先锋作用，须写明成果；由镇级以上审核（本平台默认值）', { approveRoles: ABOVE_BRANCH, capYear: 20 }),
  award('pioneer.suggestion', 'pioneer', '建言献策被采纳', 2, '建言献策被企业或组织采纳，须写明内容（本平台默认值）', { capYear: 10 }),
  award('pioneer.lecture', 'pioneer', '讲党课或微宣讲', 3, '市外办机关党员积分方案（2024）：微宣讲 +3，对外讲党课 +5', { capYear: 15 }),
  award('other.absence', 'other', '无故缺席组织生活', -2, NORTH, { approveRoles: ABOVE_BRANCH }),
];

/** Index thresholds (settings). The member index resets each natural year (市外办 scheme). */
export const POINTS_SETTINGS = {
  memberIndexBase: { value: 60, citation: '市外办机关党员积分方案（2024）：基础分 60，加分与扣分后最低为 0，按自然年度计' },
  starThresholds: { value: [60, 70, 80, 90, 100], citation: '先锋指数星级：达到第 n 个分值即为 n 星（本平台默认值）' },
  orgIndexMaxAgeMinutes: { value: 10, citation: '组织先进指数按此间隔由台账重新汇总（本平台默认值）' },
} satisfies Record<string, RuleSetting<number | number[]>>;

const tenths = (n: number) => Math.round(n * 10);
const fromTenths = (n: number) => n / 10;

export interface Caps {
  capDay: number | null;
  capMonth: number | null;
  capYear: number | null;
}
export interface CapUsage {
  day: number;
  month: number;
  year: number;
}

/**
 * How much of `points` may still be entered under the caps, given the points already counted
 * for the same member and rule code on that day, in that month and in that year (Asia/Shanghai
 * calendar of `occurred_on`). Caps bound the magnitude: a deduction rule's cap limits
 * deductions. Returns the same sign as `points`, possibly smaller (partial), or 0 when a cap is
 * reached.
 */
export function capAllowance(points: number, caps: Caps, used: CapUsage): number {
  const sign = Math.sign(points);
  let allowed = Math.abs(tenths(points));
  const limits: [number | null, number][] = [[caps.capDay, used.day], [caps.capMonth, used.month], [caps.capYear, used.year]];
  for (const [cap, u] of limits) {
    if (cap == null) continue;
    allowed = Math.min(allowed, Math.max(0, tenths(cap) - Math.abs(tenths(u))));
  }
  return allowed === 0 ? 0 : fromTenths(sign * allowed);
}

/** Points already counted per day, month and year from a member's entries of one rule code. */
export function capUsage(entries: { occurredOn: string; points: number }[], occurredOn: string): CapUsage {
  const day = occurredOn;
  const month = occurredOn.slice(0, 7);
  const year = occurredOn.slice(0, 4);
  const sum = (pred: (d: string) => boolean) => fromTenths(entries.filter((e) => pred(e.occurredOn)).reduce((s, e) => s + tenths(e.points), 0));
  return { day: sum((d) => d === day), month: sum((d) => d.slice(0, 7) === month), year: sum((d) => d.slice(0, 4) === year) };
}

/**
 * The published version of a year's rulebook in force on a day: the newest one published on or
 * before that day (Asia/Shanghai date of publication); before the first publication, the first
 * version (a year's rulebook applies from 1 January). Undefined when none is published.
 */
export function rulebookInForce<T extends { version: number; publishedOn: string | null }>(books: T[], occurredOn: string): T | undefined {
  const published = books.filter((b) => b.publishedOn !== null).sort((a, b) => a.version - b.version);
  let chosen = published[0];
  for (const b of published) if (b.publishedOn! <= occurredOn) chosen = b;
  return chosen;
}

/** Whether a rule's validity period covers the day. */
export function ruleValidOn(rule: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (rule.validFrom === null || rule.validFrom <= day) && (rule.validTo === null || day <= rule.validTo);
}

/** 先锋指数 = base + the year's counted points, never below 0 (one decimal). */
export function memberIndexValue(base: number, points: number): number {
  return Math.max(0, fromTenths(tenths(base) + tenths(points)));
}

/** Stars: how many thresholds (ascending) the value reaches, 0–5. */
export function starsFor(value: number, thresholds: readonly number[]): number {
  return Math.min(5, thresholds.filter((t) => value >= t).length);
}

/**
 * 先进指数 of an organisation = the mean member index of its subtree's live members (one
 * decimal); alongside it, the share of those members with any counted entry in the year. An
 * organisation without live members has no index (null).
 */
export function orgIndexValue(memberValues: number[], activeMembers: number): { value: number | null; activeShare: number | null } {
  if (memberValues.length === 0) return { value: null, activeShare: null };
  const mean = memberValues.reduce((s, v) => s + v, 0) / memberValues.length;
  return { value: Math.round(mean * 10) / 10, activeShare: Math.round((activeMembers / memberValues.length) * 1000) / 1000 };
}

/** The formulas in words, returned by the API next to every index. */
export function indexFormulas(base: number, thresholds: readonly number[]): { member: string; org: string; stars: string } {
  return {
    member: `党员先锋指数 = 基础分 ${base} + 本年度已生效积分之和（加分与扣分，冲销后抵消），最低为 0`,
    org: '组织先进指数 = 本组织及下级组织在册党员先锋指数的平均值；另列本年度有积分记录的党员占比',
    stars: `星级：指数达到 ${thresholds.join(' / ')} 分分别为 1–5 星`,
  };
}

/** Checks a manual award's points against its rule: same sign, not more than the rule gives. */
export function awardPointsProblem(rulePoints: number, points: number): string | null {
  if (points === 0) return '分值不能为 0';
  if (Math.abs(points * 10 - tenths(points)) > 1e-9) return '分值最多保留一位小数';
  if (Math.sign(points) !== Math.sign(rulePoints)) return rulePoints > 0 ? '该规则为加分项，分值应为正数' : '该规则为扣分项，分值应为负数';
  if (Math.abs(tenths(points)) > Math.abs(tenths(rulePoints))) return `该规则每次最多 ${rulePoints} 分`;
  return null;
}
