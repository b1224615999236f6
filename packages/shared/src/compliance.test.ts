import { describe, expect, it } from 'vitest';
import {
  computeCompliance, deadlineTitle, summarizeCompliance, existedThroughout, HeldTally, isPeriodKey, periodOfKey, periodsOfYear, resolveMeetingRules, summaryByKind,
  type ComplianceOrg, type ComplianceResult, type MeetingRecord,
} from './compliance';
import { periodOf, shanghaiInstant } from './dates';
import { DEFAULT_MEETING_RULES, type RequiredMeetingKind } from './orglife';

const rules = resolveMeetingRules(undefined);
const branch: ComplianceOrg = { kind: 'branch', foundedOn: '2020-01-01', abolishedOn: null, hasCommittee: true, partyGroups: [] };

function held(kind: string, startsAt: Date, extra: Partial<MeetingRecord> = {}): MeetingRecord {
  return { kind, startsAt, status: 'planned', minutesConfirmed: true, partyGroupId: null, ...extra };
}

function grid(meetings: MeetingRecord[], o: { org?: Partial<ComplianceOrg>; today?: string; year?: number; exemptions?: { kind: string; periodKey: string }[] } = {}): ComplianceResult {
  return computeCompliance({
    org: { ...branch, ...o.org }, year: o.year ?? 2026, today: o.today ?? '2026-11-26', rules,
    held: new HeldTally().addMeetings(meetings), exemptions: o.exemptions ?? [],
  });
}

const cell = (r: ComplianceResult, kind: RequiredMeetingKind, key: string, groupId: number | null = null) =>
  r.rows.find((row) => row.kind === kind && row.partyGroupId === groupId)!.cells.find((c) => c.periodKey === key)!;

describe('periods', () => {
  it('lists 12 months, 4 quarters and 1 year', () => {
    expect(periodsOfYear(2026, 'month').map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(periodsOfYear(2026, 'quarter').map((p) => `${p.start}..${p.end}`)).toEqual(['2026-01-01..2026-03-31', '2026-04-01..2026-06-30', '2026-07-01..2026-09-30', '2026-10-01..2026-12-31']);
    expect(periodsOfYear(2026, 'year')).toEqual([periodOf('2026-06-01', 'year')]);
  });
  it('reads period keys back and refuses keys of another kind', () => {
    expect(periodOfKey('2026-Q4', 'quarter')).toEqual(periodOf('2026-11-01', 'quarter'));
    expect(periodOfKey('2026-02', 'month').end).toBe('2026-02-28');
    expect(isPeriodKey('2026-Q4', 'month')).toBe(false);
    expect(isPeriodKey('2026-13', 'month')).toBe(false);
    expect(isPeriodKey('2026', 'year')).toBe(true);
  });
});

describe('Asia/Shanghai boundaries', () => {
  it('counts 23:30 on 31 March in Shanghai as March and Q1 (it is 15:30 UTC)', () => {
    const r = grid([held('committeeMeeting', shanghaiInstant('2026-03-31', '23:30')), held('generalMeeting', shanghaiInstant('2026-03-31', '23:30'))]);
    expect(cell(r, 'committeeMeeting', '2026-03').held).toBe(1);
    expect(cell(r, 'committeeMeeting', '2026-04').held).toBe(0);
    expect(cell(r, 'generalMeeting', '2026-Q1').status).toBe('met');
    expect(cell(r, 'generalMeeting', '2026-Q2').held).toBe(0);
  });
  it('counts 00:10 on 1 April in Shanghai as April and Q2 (it is still 31 March in UTC)', () => {
    const at = shanghaiInstant('2026-04-01', '00:10');
    expect(at.toISOString().slice(0, 10)).toBe('2026-03-31');
    const r = grid([held('committeeMeeting', at), held('generalMeeting', at)]);
    expect(cell(r, 'committeeMeeting', '2026-04').status).toBe('met');
    expect(cell(r, 'committeeMeeting', '2026-03').status).toBe('missed');
    expect(cell(r, 'generalMeeting', '2026-Q2').status).toBe('met');
    expect(cell(r, 'generalMeeting', '2026-Q1').status).toBe('missed');
  });
  it('counts a meeting exactly at midnight starting a month in the new month', () => {
    const r = grid([held('themeDay', shanghaiInstant('2026-07-01', '00:00'))]);
    expect(cell(r, 'themeDay', '2026-07').held).toBe(1);
    expect(cell(r, 'themeDay', '2026-06').held).toBe(0);
  });
  it('counts a meeting at 23:59 on 31 December in that year, and one minute later in the next', () => {
    const meetings = [held('lifeMeeting', shanghaiInstant('2025-12-31', '23:59')), held('lifeMeeting', shanghaiInstant('2026-01-01', '00:00'))];
    expect(cell(grid(meetings, { year: 2025, today: '2026-01-05' }), 'lifeMeeting', '2025').held).toBe(1);
    expect(cell(grid(meetings, { year: 2026, today: '2026-01-05' }), 'lifeMeeting', '2026').held).toBe(1);
  });
});

describe('statuses on a given day', () => {
  it('is due with the days left in the running month, missed before it and upcoming after', () => {
    const r = grid([], { today: '2026-11-26' });
    expect(cell(r, 'committeeMeeting', '2026-11')).toMatchObject({ status: 'due', daysLeft: 4, required: 1, held: 0 });
    expect(cell(r, 'committeeMeeting', '2026-10').status).toBe('missed');
    expect(cell(r, 'committeeMeeting', '2026-12').status).toBe('upcoming');
    expect(cell(r, 'generalMeeting', '2026-Q4')).toMatchObject({ status: 'due', daysLeft: 35 });
    expect(cell(r, 'lifeMeeting', '2026')).toMatchObject({ status: 'due', daysLeft: 35 });
  });
  it('is due with 0 days left on the last day of the period, and missed the day after', () => {
    expect(cell(grid([], { today: '2026-11-30' }), 'themeDay', '2026-11')).toMatchObject({ status: 'due', daysLeft: 0 });
    expect(cell(grid([], { today: '2026-12-01' }), 'themeDay', '2026-11').status).toBe('missed');
  });
  it('turns from due to met when the meeting is held', () => {
    expect(cell(grid([held('committeeMeeting', shanghaiInstant('2026-11-20', '14:00'))]), 'committeeMeeting', '2026-11').status).toBe('met');
  });
  it('lists the running periods not yet met as deadlines, soonest first, worded for people', () => {
    const r = grid([held('themeDay', shanghaiInstant('2026-11-05', '09:00'))]);
    expect(r.deadlines.map((d) => d.title)).toEqual(['11月支委会尚未召开，还剩4天', '第4季度支部党员大会尚未召开，还剩35天', '第4季度党课尚未召开，还剩35天', '2026年度组织生活会尚未召开，还剩35天']);
    expect(r.deadlines[0]).toMatchObject({ kind: 'committeeMeeting', periodKey: '2026-11', dueOn: '2026-11-30', daysLeft: 4 });
  });
  it('judges a past year as missed or met and a future year as upcoming', () => {
    expect(grid([], { year: 2025 }).summary).toMatchObject({ due: 0, upcoming: 0, missed: 12 + 12 + 4 + 4 + 1, met: 0 });
    expect(grid([], { year: 2027 }).summary).toMatchObject({ due: 0, missed: 0, upcoming: 12 + 12 + 4 + 4 + 1 });
  });
  it('needs as many meetings as the rule says (times) and words the shortfall', () => {
    const twice = resolveMeetingRules({ lecture: { times: 2 } });
    const r = computeCompliance({ org: branch, year: 2026, today: '2026-11-26', rules: twice, held: new HeldTally().addMeetings([held('lecture', shanghaiInstant('2026-10-10', '10:00'))]), exemptions: [] });
    expect(cell(r, 'lecture', '2026-Q4')).toMatchObject({ required: 2, held: 1, status: 'due' });
    expect(r.deadlines.find((d) => d.kind === 'lecture')!.title).toBe('第4季度党课还差1次，还剩35天');
  });
});

describe('what counts as held', () => {
  it('does not count a cancelled meeting, even with confirmed minutes', () => {
    const r = grid([held('committeeMeeting', shanghaiInstant('2026-11-10', '14:00'), { status: 'cancelled' })]);
    expect(cell(r, 'committeeMeeting', '2026-11')).toMatchObject({ held: 0, status: 'due' });
  });
  it('does not count a meeting whose minutes are not confirmed', () => {
    const r = grid([held('committeeMeeting', shanghaiInstant('2026-10-10', '14:00'), { minutesConfirmed: false })]);
    expect(cell(r, 'committeeMeeting', '2026-10')).toMatchObject({ held: 0, status: 'missed' });
  });
  it('does not count one kind for another (a 主题党日 is not a 支委会)', () => {
    const r = grid([held('themeDay', shanghaiInstant('2026-10-10', '14:00')), held('study', shanghaiInstant('2026-10-11', '14:00'))]);
    expect(cell(r, 'themeDay', '2026-10').status).toBe('met');
    expect(cell(r, 'committeeMeeting', '2026-10').status).toBe('missed');
  });
});

describe('which rules apply', () => {
  it('judges only branch-level organisations', () => {
    for (const kind of ['committee', 'generalBranch', 'workCommittee'] as const) {
      const r = grid([], { org: { kind } });
      expect(r.applies).toBe(false);
      expect(r.summary.required).toBe(0);
      expect(r.rows.every((row) => !row.applies && row.notApplicableReason)).toBe(true);
    }
    for (const kind of ['branch', 'jointBranch', 'temporaryBranch'] as const) expect(grid([], { org: { kind } }).summary.required).toBeGreaterThan(0);
  });
  it('asks for a 支委会 only where a 支部委员会 exists', () => {
    const r = grid([], { org: { hasCommittee: false } });
    const row = r.rows.find((x) => x.kind === 'committeeMeeting')!;
    expect(row.applies).toBe(false);
    expect(row.notApplicableReason).toContain('支部委员会');
    expect(row.cells.every((c) => c.status === 'notRequired')).toBe(true);
    expect(r.deadlines.some((d) => d.kind === 'committeeMeeting')).toBe(false);
  });
  it('asks for a 党小组会 per party group each month, counting only that group\'s meetings', () => {
    const org = { partyGroups: [{ id: 7, name: '第一党小组' }, { id: 8, name: '第二党小组' }] };
    const r = grid([held('groupMeeting', shanghaiInstant('2026-11-03', '19:00'), { partyGroupId: 7 })], { org });
    expect(r.rows.filter((x) => x.kind === 'groupMeeting').map((x) => x.partyGroupName)).toEqual(['第一党小组', '第二党小组']);
    expect(cell(r, 'groupMeeting', '2026-11', 7).status).toBe('met');
    expect(cell(r, 'groupMeeting', '2026-11', 8).status).toBe('due');
    expect(r.deadlines.find((d) => d.partyGroupId === 8)!.title).toBe('11月第二党小组党小组会尚未召开，还剩4天');
  });
  it('does not ask for a 党小组会 without party groups', () => {
    const row = grid([]).rows.filter((x) => x.kind === 'groupMeeting');
    expect(row).toHaveLength(1);
    expect(row[0]!.applies).toBe(false);
  });
  it('cites the rule each row is judged by', () => {
    const r = grid([]);
    expect(r.rows.find((x) => x.kind === 'committeeMeeting')!.citation).toBe(DEFAULT_MEETING_RULES.committeeMeeting.citation);
    expect(r.rows.find((x) => x.kind === 'committeeMeeting')!.citation).toContain('第十二条');
  });
});

describe('organisations founded or abolished mid-period', () => {
  it('requires a period only when the organisation existed for all of it', () => {
    expect(existedThroughout({ foundedOn: '2026-11-01', abolishedOn: null }, periodOf('2026-11-01', 'month'))).toBe(true);
    expect(existedThroughout({ foundedOn: '2026-11-02', abolishedOn: null }, periodOf('2026-11-01', 'month'))).toBe(false);
    expect(existedThroughout({ foundedOn: null, abolishedOn: '2026-11-30' }, periodOf('2026-11-01', 'month'))).toBe(true);
    expect(existedThroughout({ foundedOn: null, abolishedOn: '2026-11-29' }, periodOf('2026-11-01', 'month'))).toBe(false);
  });
  it('starts owing a branch founded on 10 November from December (month) and Q1 next year (quarter)', () => {
    const r = grid([], { org: { foundedOn: '2026-11-10' }, today: '2026-11-26' });
    expect(cell(r, 'themeDay', '2026-10').status).toBe('notRequired');
    expect(cell(r, 'themeDay', '2026-11').status).toBe('notRequired');
    expect(cell(r, 'themeDay', '2026-12').status).toBe('upcoming');
    expect(cell(r, 'generalMeeting', '2026-Q4').status).toBe('notRequired');
    expect(cell(r, 'lifeMeeting', '2026').status).toBe('notRequired');
    expect(r.deadlines).toEqual([]);
  });
  it('owes the whole quarter when founded on its first day', () => {
    const r = grid([], { org: { foundedOn: '2026-10-01' } });
    expect(cell(r, 'generalMeeting', '2026-Q4').status).toBe('due');
    expect(cell(r, 'generalMeeting', '2026-Q3').status).toBe('notRequired');
  });
  it('still counts a meeting held in a period that was not required', () => {
    const r = grid([held('themeDay', shanghaiInstant('2026-11-20', '09:00'))], { org: { foundedOn: '2026-11-10' } });
    expect(cell(r, 'themeDay', '2026-11')).toMatchObject({ status: 'notRequired', held: 1 });
  });
});

describe('exemptions', () => {
  it('makes an approved period exempt, past or running', () => {
    const r = grid([], { exemptions: [{ kind: 'committeeMeeting', periodKey: '2026-10' }, { kind: 'generalMeeting', periodKey: '2026-Q4' }] });
    expect(cell(r, 'committeeMeeting', '2026-10').status).toBe('exempt');
    expect(cell(r, 'committeeMeeting', '2026-09').status).toBe('missed');
    expect(cell(r, 'generalMeeting', '2026-Q4').status).toBe('exempt');
    expect(r.deadlines.some((d) => d.kind === 'generalMeeting')).toBe(false);
  });
  it('covers only its own kind', () => {
    expect(cell(grid([], { exemptions: [{ kind: 'themeDay', periodKey: '2026-10' }] }), 'committeeMeeting', '2026-10').status).toBe('missed');
  });
  it('shows met rather than exempt when the meeting was held anyway', () => {
    const r = grid([held('themeDay', shanghaiInstant('2026-10-10', '09:00'))], { exemptions: [{ kind: 'themeDay', periodKey: '2026-10' }] });
    expect(cell(r, 'themeDay', '2026-10').status).toBe('met');
  });
  it('covers every party group of the period', () => {
    const r = grid([], { org: { partyGroups: [{ id: 1, name: '一组' }, { id: 2, name: '二组' }] }, exemptions: [{ kind: 'groupMeeting', periodKey: '2026-10' }] });
    expect(cell(r, 'groupMeeting', '2026-10', 1).status).toBe('exempt');
    expect(cell(r, 'groupMeeting', '2026-10', 2).status).toBe('exempt');
  });
});

describe('summaries', () => {
  it('counts each required cell once, in total and by kind', () => {
    const r = grid([held('themeDay', shanghaiInstant('2026-01-10', '09:00'))], { exemptions: [{ kind: 'themeDay', periodKey: '2026-02' }] });
    expect(r.summary).toEqual({ required: 33, met: 1, exempt: 1, missed: 10 + 8 + 3 + 3, due: 5, upcoming: 2 });
    expect(summaryByKind(r).themeDay).toEqual({ required: 12, met: 1, exempt: 1, missed: 8, due: 1, upcoming: 1 });
  });
  it('counts the same without building the grid (the rollup path)', () => {
    const org = { ...branch, foundedOn: '2026-05-10', partyGroups: [{ id: 3, name: '一组' }] };
    const input = {
      org, year: 2026, today: '2026-11-26', rules, exemptions: [{ kind: 'lecture', periodKey: '2026-Q3' }],
      held: new HeldTally().addMeetings([held('groupMeeting', shanghaiInstant('2026-07-01', '10:00'), { partyGroupId: 3 }), held('generalMeeting', shanghaiInstant('2026-08-01', '10:00'))]),
    };
    const full = computeCompliance(input);
    expect(summarizeCompliance(input)).toEqual({ summary: full.summary, byKind: summaryByKind(full) });
    expect(summarizeCompliance({ ...input, org: { ...org, kind: 'generalBranch' } }).summary.required).toBe(0);
  });
});

describe('rule settings', () => {
  it('lays a deployment override over the defaults and marks the citation', () => {
    const r = resolveMeetingRules({ lecture: { period: 'year', times: 2 } });
    expect(r.lecture.value).toEqual({ period: 'year', times: 2, appliesTo: 'branch' });
    expect(r.lecture.citation).toContain('本地区已调整频次');
    expect(r.committeeMeeting).toEqual(DEFAULT_MEETING_RULES.committeeMeeting);
  });
  it('keeps the default for invalid values', () => {
    const r = resolveMeetingRules({ themeDay: { period: 'week', times: 0 }, generalMeeting: 'never' });
    expect(r.themeDay).toEqual(DEFAULT_MEETING_RULES.themeDay);
    expect(r.generalMeeting).toEqual(DEFAULT_MEETING_RULES.generalMeeting);
  });
  it('uses a citation given with the override', () => {
    expect(resolveMeetingRules({ lecture: { period: 'year', citation: '市委组织部通知：党课每半年1次' } }).lecture.citation).toBe('市委组织部通知：党课每半年1次');
  });
});

describe('deadline titles', () => {
  it('words today and overdue', () => {
    expect(deadlineTitle('committeeMeeting', '2026-11', 1, 0, 0)).toBe('11月支委会尚未召开，今天截止');
    expect(deadlineTitle('committeeMeeting', '2026-10', 1, 0, -2)).toBe('10月支委会未召开，已逾期2天');
  });
});
