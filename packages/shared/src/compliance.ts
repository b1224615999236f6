// Compliance of organisational life (三会一课), computed from the rules: for one organisation
// and one year, per required meeting kind and per period, how many meetings the rule asks for,
// how many were held, and what that means today. Pure: no clock, no database. The rules and
// citations are domain-rules.md §2.1 (DEFAULT_MEETING_RULES), overridable per deployment.

import { isBranchLike, type OrgKind } from './enums';
import { daysBetween, periodOf, todayInShanghai, type Period, type PeriodKind } from './dates';
import {
  DEFAULT_MEETING_RULES, MEETING_KIND_LABELS, REQUIRED_MEETING_KINDS,
  type MeetingFrequency, type MeetingRuleScope, type RequiredMeetingKind,
} from './orglife';
import type { RuleSetting } from './settings';

export type MeetingRules = Record<RequiredMeetingKind, RuleSetting<MeetingFrequency>>;

/**
 * What a cell means on a given day:
 * - `notRequired`: the rule does not apply to this organisation, or the organisation did not
 *   exist for the whole period;
 * - `met`: enough meetings held (this wins over everything else: a held meeting is never hidden);
 * - `exempt`: an approved exemption covers the period;
 * - `due`: the period is running and not yet met (days left until its last day);
 * - `missed`: the period is over and was not met;
 * - `upcoming`: the period has not started.
 */
export const COMPLIANCE_STATUSES = ['notRequired', 'met', 'due', 'missed', 'exempt', 'upcoming'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, { zh: string; en: string }> = {
  notRequired: { zh: '不要求', en: 'Not required' },
  met: { zh: '已完成', en: 'Met' },
  due: { zh: '待召开', en: 'Due' },
  missed: { zh: '未完成', en: 'Missed' },
  exempt: { zh: '已豁免', en: 'Exempt' },
  upcoming: { zh: '未到期', en: 'Upcoming' },
};

const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];
const SCOPES: readonly MeetingRuleScope[] = ['branch', 'committee', 'groups'];

/**
 * The deployment's rules: the defaults with the `meetingRules` setting laid over them (a
 * partial object per kind, e.g. `{ lecture: { period: 'year', times: 2, citation: '…' } }`).
 * Values that are not valid (unknown period, times outside 1–31) keep the default, so a bad
 * setting can never switch a requirement off by accident.
 */
export function resolveMeetingRules(override: unknown): MeetingRules {
  const rules = { ...DEFAULT_MEETING_RULES };
  if (!override || typeof override !== 'object') return rules;
  const given = override as Record<string, unknown>;
  for (const kind of REQUIRED_MEETING_KINDS) {
    const o = given[kind];
    if (!o || typeof o !== 'object') continue;
    const { period, times, appliesTo, citation } = o as Record<string, unknown>;
    const base = DEFAULT_MEETING_RULES[kind];
    const value: MeetingFrequency = {
      period: PERIOD_KINDS.includes(period as PeriodKind) ? (period as PeriodKind) : base.value.period,
      times: Number.isInteger(times) && (times as number) >= 1 && (times as number) <= 31 ? (times as number) : base.value.times,
      appliesTo: SCOPES.includes(appliesTo as MeetingRuleScope) ? (appliesTo as MeetingRuleScope) : base.value.appliesTo,
    };
    const changed = value.period !== base.value.period || value.times !== base.value.times || value.appliesTo !== base.value.appliesTo;
    const ownCitation = typeof citation === 'string' && citation.trim() ? citation.trim() : null;
    rules[kind] = { value, citation: ownCitation ?? (changed ? `${base.citation}（本地区已调整频次）` : base.citation) };
  }
  return rules;
}

const periodCache = new Map<string, readonly Period[]>();

/** The periods of a kind in a calendar year, in order (shared, read-only: rollups ask thousands of times). */
export function periodsOfYear(year: number, kind: PeriodKind): readonly Period[] {
  const key = `${year}|${kind}`;
  let periods = periodCache.get(key);
  if (!periods) {
    const y = String(year).padStart(4, '0');
    const count = kind === 'month' ? 12 : kind === 'quarter' ? 4 : 1;
    const step = kind === 'month' ? 1 : 3;
    periods = Object.freeze(Array.from({ length: count }, (_, i) => Object.freeze(periodOf(`${y}-${String(1 + i * step).padStart(2, '0')}-01`, kind))));
    if (periodCache.size < 1000) periodCache.set(key, periods);
  }
  return periods;
}

/** True for a key of the given period kind: '2026-11' (month), '2026-Q4' (quarter), '2026' (year). */
export function isPeriodKey(key: string, kind: PeriodKind): boolean {
  if (kind === 'month') return /^\d{4}-(0[1-9]|1[0-2])$/.test(key);
  if (kind === 'quarter') return /^\d{4}-Q[1-4]$/.test(key);
  return /^\d{4}$/.test(key);
}

/** The period a key names (call isPeriodKey first). */
export function periodOfKey(key: string, kind: PeriodKind): Period {
  const y = key.slice(0, 4);
  if (kind === 'month') return periodOf(`${key}-01`, 'month');
  if (kind === 'quarter') return periodOf(`${y}-${String(Number(key.slice(6)) * 3).padStart(2, '0')}-01`, 'quarter');
  return periodOf(`${y}-01-01`, 'year');
}

/** A meeting as the compliance rules see it. */
export interface MeetingRecord {
  kind: string;
  startsAt: Date;
  status: string;
  /** Minutes recorded and confirmed by the secretary (meeting_minutes.confirmed_at set). */
  minutesConfirmed: boolean;
  partyGroupId?: number | null;
}

/**
 * A meeting counts as held when it was not cancelled and its minutes are confirmed; it
 * counts in the period that contains its start in Asia/Shanghai (a meeting at 23:30 on
 * 31 March Shanghai time is a March / Q1 meeting, although it is already April in no zone
 * east of UTC+8 and still 31 March in UTC).
 */
export function isHeld(m: Pick<MeetingRecord, 'status' | 'minutesConfirmed'>): boolean {
  return m.status === 'planned' && m.minutesConfirmed;
}

const monthRanges = new WeakMap<Period, readonly [number, number]>();

/** A period's first and last month numbers (memoised per period object: periods are shared). */
function monthsOf(period: Period): readonly [number, number] {
  let range = monthRanges.get(period);
  if (!range) monthRanges.set(period, (range = [Number(period.start.slice(5, 7)), Number(period.end.slice(5, 7))]));
  return range;
}

function bump(counts: Int32Array, index: number, n: number): void {
  counts[index] = (counts[index] ?? 0) + n;
}

/**
 * Held meetings counted per kind, party group and Shanghai month; a period sums its months.
 * Kept as twelve counters per kind, group and year, so a city's rollup (thousands of
 * organisations) costs array reads, not string keys per month.
 */
export class HeldTally {
  private readonly byYear = new Map<string, Int32Array>();

  private months(kind: string, partyGroupId: number | null | '*', year: number): Int32Array {
    const key = `${kind}|${partyGroupId}|${year}`;
    let counts = this.byYear.get(key);
    if (!counts) this.byYear.set(key, (counts = new Int32Array(12)));
    return counts;
  }

  /** Adds `n` held meetings of a kind (and party group) in a month of a year (1–12). */
  addMonth(kind: string, partyGroupId: number | null, year: number, month: number, n = 1): void {
    if (month < 1 || month > 12) throw new RangeError(`month out of range: ${month}`);
    bump(this.months(kind, '*', year), month - 1, n);
    if (partyGroupId != null) bump(this.months(kind, partyGroupId, year), month - 1, n);
  }

  /** Adds one held meeting per entry of `months` (1–12, repeats allowed): a grouped query's row. */
  addMonths(kind: string, partyGroupId: number | null, year: number, months: readonly number[]): void {
    const all = this.months(kind, '*', year);
    const group = partyGroupId == null ? null : this.months(kind, partyGroupId, year);
    for (const month of months) {
      if (month < 1 || month > 12) throw new RangeError(`month out of range: ${month}`);
      bump(all, month - 1, 1);
      if (group) bump(group, month - 1, 1);
    }
  }

  /** Adds `n` held meetings of a kind (and party group) in a month ('YYYY-MM'). */
  add(kind: string, partyGroupId: number | null, month: string, n = 1): void {
    this.addMonth(kind, partyGroupId, Number(month.slice(0, 4)), Number(month.slice(5, 7)), n);
  }

  /** Adds the meetings that count as held (isHeld), each in its Shanghai month. */
  addMeetings(meetings: readonly MeetingRecord[]): this {
    for (const m of meetings) if (isHeld(m)) this.add(m.kind, m.partyGroupId ?? null, todayInShanghai(m.startsAt).slice(0, 7));
    return this;
  }

  /** Held meetings of a kind in a period; with a party group, only that group's. */
  count(kind: string, partyGroupId: number | null, period: Period): number {
    const counts = this.byYear.get(`${kind}|${partyGroupId ?? '*'}|${Number(period.start.slice(0, 4))}`);
    if (!counts) return 0;
    let n = 0;
    const [first, last] = monthsOf(period);
    for (let m = first; m <= last; m++) n += counts[m - 1] ?? 0;
    return n;
  }
}

export interface ComplianceOrg {
  kind: OrgKind;
  foundedOn: string | null;
  abolishedOn: string | null;
  /** A 支部委员会 exists (see the server's definition: a current term with committee posts). */
  hasCommittee: boolean;
  partyGroups: readonly { id: number; name: string }[];
}

export interface ComplianceCell {
  periodKey: string;
  label: string;
  start: string;
  end: string;
  required: number;
  held: number;
  status: ComplianceStatus;
  /** For `due`: days from today to the period's last day (0 = today is the last day). */
  daysLeft: number | null;
}

export interface ComplianceRow {
  kind: RequiredMeetingKind;
  /** Party-group meetings are required per group: one row per group. */
  partyGroupId: number | null;
  partyGroupName: string | null;
  period: PeriodKind;
  times: number;
  citation: string;
  applies: boolean;
  /** Why the rule does not apply to this organisation (zh-CN), when it does not. */
  notApplicableReason: string | null;
  cells: ComplianceCell[];
}

export interface ComplianceSummary {
  /** Cells the rules require (every status but notRequired). */
  required: number;
  met: number;
  due: number;
  missed: number;
  exempt: number;
  upcoming: number;
}

export interface ComplianceDeadline {
  kind: RequiredMeetingKind;
  partyGroupId: number | null;
  periodKey: string;
  dueOn: string;
  daysLeft: number;
  title: string;
}

export interface ComplianceResult {
  applies: boolean;
  rows: ComplianceRow[];
  summary: ComplianceSummary;
  /** Running periods not yet met, soonest first. */
  deadlines: ComplianceDeadline[];
}

export const emptySummary = (): ComplianceSummary => ({ required: 0, met: 0, due: 0, missed: 0, exempt: 0, upcoming: 0 });

/** Adds a cell's status to a summary. */
export function countCell(summary: ComplianceSummary, status: ComplianceStatus): void {
  if (status === 'notRequired') return;
  summary.required += 1;
  summary[status] += 1;
}

/**
 * A period is required only when the organisation existed for all of it: founded on or
 * before its first day and not abolished before its last day. A branch founded on
 * 10 November owes nothing for November or Q4 and starts owing from December; one abolished
 * on 20 November owes nothing for November. Judging a part-period would ask a new branch for
 * a quarterly meeting in the week it was set up; the rules speak of regular meetings of an
 * organisation that runs through the period.
 */
export function existedThroughout(org: Pick<ComplianceOrg, 'foundedOn' | 'abolishedOn'>, period: Period): boolean {
  if (org.foundedOn && org.foundedOn > period.start) return false;
  if (org.abolishedOn && org.abolishedOn < period.end) return false;
  return true;
}

function notApplicable(org: ComplianceOrg, scope: MeetingRuleScope): string | null {
  if (!isBranchLike(org.kind)) return '三会一课按党支部（含联合党支部、临时党支部）计算，请查看下级党支部';
  if (scope === 'committee' && !org.hasCommittee) return '未设支部委员会（正式党员不足7人的支部只设书记、副书记），不要求召开支委会';
  if (scope === 'groups' && org.partyGroups.length === 0) return '未设党小组，不要求召开党小组会';
  return null;
}

function cellStatus(required: number, held: number, exempt: boolean, period: Period, today: string): { status: ComplianceStatus; daysLeft: number | null } {
  if (required === 0) return { status: 'notRequired', daysLeft: null };
  if (held >= required) return { status: 'met', daysLeft: null };
  if (exempt) return { status: 'exempt', daysLeft: null };
  if (period.end < today) return { status: 'missed', daysLeft: null };
  if (period.start > today) return { status: 'upcoming', daysLeft: null };
  return { status: 'due', daysLeft: daysBetween(today, period.end) };
}

/** '11月', '第4季度', '2026年度': how a period is named inside a sentence. */
export function periodShortLabel(periodKey: string): string {
  if (/^\d{4}-\d{2}$/.test(periodKey)) return `${Number(periodKey.slice(5))}月`;
  if (/^\d{4}-Q\d$/.test(periodKey)) return `第${periodKey.slice(6)}季度`;
  return `${periodKey}年度`;
}

/** '11月支委会尚未召开，还剩4天' — the sentence a deadline or reminder shows. */
export function deadlineTitle(kind: RequiredMeetingKind, periodKey: string, required: number, held: number, daysLeft: number, partyGroupName: string | null = null): string {
  const what = `${periodShortLabel(periodKey)}${partyGroupName ?? ''}${MEETING_KIND_LABELS[kind].zh}`;
  const state = held === 0 ? '尚未召开' : `还差${required - held}次`;
  if (daysLeft < 0) return `${what}${held === 0 ? '未召开' : state}，已逾期${-daysLeft}天`;
  return `${what}${state}，${daysLeft === 0 ? '今天截止' : `还剩${daysLeft}天`}`;
}

export interface ComplianceInput {
  org: ComplianceOrg;
  year: number;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  today: string;
  rules: MeetingRules;
  held: HeldTally;
  /** Approved exemptions; an exemption of 党小组会 covers every group of that period. */
  exemptions: readonly { kind: string; periodKey: string }[];
}

interface RowSpec {
  kind: RequiredMeetingKind;
  group: { id: number | null; name: string | null };
  reason: string | null;
}

/** The rows the rules give an organisation: one per required kind, one per party group for 党小组会. */
function rowSpecs(org: ComplianceOrg, rules: MeetingRules): RowSpec[] {
  const specs: RowSpec[] = [];
  for (const kind of REQUIRED_MEETING_KINDS) {
    const reason = notApplicable(org, rules[kind].value.appliesTo);
    if (rules[kind].value.appliesTo === 'groups' && reason === null) for (const g of org.partyGroups) specs.push({ kind, group: g, reason });
    else specs.push({ kind, group: { id: null, name: null }, reason });
  }
  return specs;
}

/** Judges one cell: the single place the rules are applied, for grids and rollups alike. */
function judge(input: ComplianceInput, spec: RowSpec, period: Period, exempt: Set<string>) {
  const rule = input.rules[spec.kind];
  const required = spec.reason === null && existedThroughout(input.org, period) ? rule.value.times : 0;
  const held = input.held.count(spec.kind, spec.group.id, period);
  return { required, held, ...cellStatus(required, held, exempt.size > 0 && exempt.has(`${spec.kind}|${period.key}`), period, input.today) };
}

const exemptSet = (input: ComplianceInput) => new Set(input.exemptions.map((e) => `${e.kind}|${e.periodKey}`));

/**
 * One organisation's compliance grid for a year, as it stands on `today` ('YYYY-MM-DD',
 * Asia/Shanghai). Only branch-level organisations are judged; a 支委会 only where a
 * 支部委员会 exists; 党小组会 per party group. `exemptions` are the approved ones
 * ({ kind, periodKey }); an exemption of 党小组会 covers every group of that period.
 */
export function computeCompliance(input: ComplianceInput): ComplianceResult {
  const { org, year, rules } = input;
  const exempt = exemptSet(input);
  const rows: ComplianceRow[] = [];
  const summary = emptySummary();
  const deadlines: ComplianceDeadline[] = [];
  for (const spec of rowSpecs(org, rules)) {
    const rule = rules[spec.kind];
    const cells = periodsOfYear(year, rule.value.period).map((period): ComplianceCell => {
      const { required, held, status, daysLeft } = judge(input, spec, period, exempt);
      countCell(summary, status);
      if (status === 'due') {
        deadlines.push({ kind: spec.kind, partyGroupId: spec.group.id, periodKey: period.key, dueOn: period.end, daysLeft: daysLeft!, title: deadlineTitle(spec.kind, period.key, required, held, daysLeft!, spec.group.name) });
      }
      return { periodKey: period.key, label: period.label, start: period.start, end: period.end, required, held, status, daysLeft };
    });
    rows.push({
      kind: spec.kind, partyGroupId: spec.group.id, partyGroupName: spec.group.name, period: rule.value.period, times: rule.value.times, citation: rule.citation,
      applies: spec.reason === null, notApplicableReason: spec.reason, cells,
    });
  }
  deadlines.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || REQUIRED_MEETING_KINDS.indexOf(a.kind) - REQUIRED_MEETING_KINDS.indexOf(b.kind));
  return { applies: isBranchLike(org.kind), rows, summary, deadlines };
}

/**
 * The same judgement as computeCompliance, only counted: the summary and the summary per
 * kind, without building cells or sentences (a city rollup judges ~1,500 organisations).
 */
export function summarizeCompliance(input: ComplianceInput): { summary: ComplianceSummary; byKind: Record<RequiredMeetingKind, ComplianceSummary> } {
  const exempt = exemptSet(input);
  const summary = emptySummary();
  const byKind = Object.fromEntries(REQUIRED_MEETING_KINDS.map((k) => [k, emptySummary()])) as Record<RequiredMeetingKind, ComplianceSummary>;
  if (!isBranchLike(input.org.kind)) return { summary, byKind };
  for (const spec of rowSpecs(input.org, input.rules)) {
    if (spec.reason !== null) continue;
    for (const period of periodsOfYear(input.year, input.rules[spec.kind].value.period)) {
      const { status } = judge(input, spec, period, exempt);
      countCell(summary, status);
      countCell(byKind[spec.kind], status);
    }
  }
  return { summary, byKind };
}

/** A compliance summary per kind, for rollups. */
export function summaryByKind(result: ComplianceResult): Record<RequiredMeetingKind, ComplianceSummary> {
  const out = Object.fromEntries(REQUIRED_MEETING_KINDS.map((k) => [k, emptySummary()])) as Record<RequiredMeetingKind, ComplianceSummary>;
  for (const row of result.rows) for (const cell of row.cells) countCell(out[row.kind], cell.status);
  return out;
}
