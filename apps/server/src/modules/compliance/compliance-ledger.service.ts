import ExcelJS from 'exceljs';
import {
  computeCompliance, formatShanghaiDateTime, HeldTally, MEETING_KIND_LABELS, MEETING_MODE_LABELS, REQUIRED_MEETING_KINDS, summaryByKind, todayInShanghai,
  type MeetingKind, type MeetingMode, type OrgKind,
} from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { NotFound } from '../../platform/errors';
import { createComplianceRepository } from './compliance.repository';
import { complianceOrgOf, currentYear, loadMeetingRules } from './compliance.rules';
import type { LedgerMeetingT, LedgerT } from './compliance.schemas';

const EXCERPT_CHARS = 300;
const PERIOD_ZH = { month: '每月', quarter: '每季度', year: '每年' } as const;


/** The first characters of the minutes, on one line, for the ledger. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

/** 三会一课 ledger (台账): generated from the meetings already recorded, never typed again. */
export function createLedgerService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createComplianceRepository(db);

  async function build(access: Access, orgId: number, year?: number): Promise<{ ledger: LedgerT; orgPath: string }> {
    const org = await repo.org(orgId);
    if (!org) throw new NotFound();
    access.assertInScope('compliance.read', org.path);
    const today = todayInShanghai();
    const y = year ?? currentYear(today);
    const [rows, facts, rules, exemptions] = await Promise.all([
      repo.ledgerMeetings(org.id, y), repo.branchFacts({ rootPath: org.path, year: y, orgIds: [org.id] }), loadMeetingRules(db), repo.exemptionsOf(org.id, y),
    ]);
    const ids = rows.map((r) => r.id);
    const [counts, votes] = await Promise.all([repo.attendanceCounts(ids), repo.votes(ids)]);
    const meetings: LedgerMeetingT[] = rows.map((m) => {
      const n = (a: string) => counts.find((c) => c.meetingId === m.id && c.attendance === a)?.n ?? 0;
      const invited = counts.filter((c) => c.meetingId === m.id).reduce((s, c) => s + c.n, 0);
      return {
        id: m.id, kind: m.kind as MeetingKind, title: m.title, topics: m.topics, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(),
        mode: m.mode as MeetingMode, place: m.mode === 'online' ? null : m.venueName ?? m.place, partyGroupName: m.partyGroupName,
        hostName: m.hostName, recorderName: m.recorderName, lecturerName: m.lecturerName,
        attendance: { invited, present: n('present'), online: n('online'), excused: n('excused'), absent: n('absent'), unknown: n('unknown') },
        minutes: m.minutesContent === null ? null : { excerpt: excerpt(m.minutesContent), decisions: m.minutesDecisions, confirmedAt: m.confirmedAt?.toISOString() ?? null },
        votes: votes.filter((v) => v.meetingId === m.id).map(({ meetingId: _, position: __, ...v }) => v),
        held: m.confirmedAt !== null,
      };
    });
    const held = new HeldTally().addMeetings(rows.map((m) => ({ kind: m.kind, startsAt: m.startsAt, status: m.status, minutesConfirmed: m.confirmedAt !== null, partyGroupId: m.partyGroupId })));
    const result = computeCompliance({ org: complianceOrgOf(org, facts[0]), year: y, today, rules, held, exemptions: exemptions.filter((e) => e.status === 'approved') });
    const byKind = summaryByKind(result);
    const ledger: LedgerT = {
      org: { id: org.id, name: org.name, kind: org.kind as OrgKind },
      year: y,
      generatedAt: new Date().toISOString(),
      meetings,
      summary: result.summary,
      byKind: REQUIRED_MEETING_KINDS.map((kind) => ({
        kind, ...byKind[kind], period: rules[kind].value.period, times: rules[kind].value.times, citation: rules[kind].citation,
        held: meetings.filter((m) => m.kind === kind && m.held).length,
      })),
    };
    return { ledger, orgPath: org.path };
  }

  return {
    /**
     * Every meeting of the year that was not cancelled, in date order, with attendance counts,
     * minutes and votes, plus the year's compliance summary. NotFound outside compliance.read.
     */
    async ledger(access: Access, orgId: number, year?: number): Promise<LedgerT> {
      return (await build(access, orgId, year)).ledger;
    },

    /** The ledger as an .xlsx workbook (汇总 + 会议明细); the export (names of hosts and recorders) is audited. */
    async workbook(access: Access, orgId: number, year?: number): Promise<{ buffer: Buffer; fileName: string }> {
      const { ledger, orgPath } = await build(access, orgId, year);
      const buffer = await writeWorkbook(ledger);
      await audit(db, access.actor, { action: 'compliance.ledgerExport', targetType: 'org', targetId: ledger.org.id, orgPath, detail: { year: ledger.year, meetings: ledger.meetings.length } });
      return { buffer, fileName: `${ledger.org.name}-${ledger.year}年度三会一课台账.xlsx` };
    },
  };
}

/** Summary and details sheets with zh-CN headers; names of hosts and recorders, no ID numbers or phones. */
export async function writeWorkbook(ledger: LedgerT): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '红云';
  wb.created = new Date(ledger.generatedAt);
  const title = `${ledger.org.name} ${ledger.year}年度三会一课台账`;

  const summary = wb.addWorksheet('汇总');
  summary.columns = [{ width: 16 }, { width: 14 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 60 }];
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow([`生成时间：${formatShanghaiDateTime(new Date(ledger.generatedAt))}（由平台已登记的会议自动生成）`]);
  summary.addRow([]);
  const head = summary.addRow(['会议类型', '召开要求', '应开期数', '已完成', '未完成', '待召开', '已豁免', '未到期', '已召开次数', '依据']);
  head.font = { bold: true };
  for (const k of ledger.byKind) {
    const rule = k.required === 0 ? '不要求' : `${PERIOD_ZH[k.period]}${k.times}次`;
    summary.addRow([MEETING_KIND_LABELS[k.kind].zh, rule, k.required, k.met, k.missed, k.due, k.exempt, k.upcoming, k.held, k.citation]);
  }
  const s = ledger.summary;
  summary.addRow(['合计', '', s.required, s.met, s.missed, s.due, s.exempt, s.upcoming, ledger.meetings.filter((m) => m.held).length, '']).font = { bold: true };

  const details = wb.addWorksheet('会议明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: [string, number][] = [
    ['序号', 6], ['日期', 12], ['时间', 13], ['会议类型', 12], ['会议名称', 28], ['议题', 36], ['形式', 12], ['地点', 22], ['党小组', 12], ['主持人', 10], ['记录人', 10], ['授课人', 10],
    ['应到', 6], ['到会', 6], ['线上参加', 8], ['请假', 6], ['缺席', 6], ['会议记录摘要', 60], ['决定事项', 30], ['记录确认时间', 17], ['表决情况', 40], ['计入完成情况', 12],
  ];
  details.columns = columns.map(([, width]) => ({ width }));
  details.addRow(columns.map(([h]) => h)).font = { bold: true };
  ledger.meetings.forEach((m, i) => {
    const starts = formatShanghaiDateTime(new Date(m.startsAt));
    const ends = formatShanghaiDateTime(new Date(m.endsAt));
    const votes = m.votes.map((v) => `${v.item}：应到${v.entitled}、实到${v.present}，赞成${v.yes}、反对${v.no}、弃权${v.abstain}，${v.passed ? '通过' : v.quorumMet ? '未通过' : '不足法定人数'}`).join('；');
    const row = details.addRow([
      i + 1, starts.slice(0, 10), `${starts.slice(11)}—${ends.slice(11)}`, MEETING_KIND_LABELS[m.kind].zh, m.title, m.topics.join('；'), MEETING_MODE_LABELS[m.mode].zh,
      m.place ?? '', m.partyGroupName ?? '', m.hostName ?? '', m.recorderName ?? '', m.lecturerName ?? '',
      m.attendance.invited, m.attendance.present, m.attendance.online, m.attendance.excused, m.attendance.absent,
      m.minutes?.excerpt ?? '（尚未记录）', m.minutes?.decisions ?? '', m.minutes?.confirmedAt ? formatShanghaiDateTime(new Date(m.minutes.confirmedAt)) : '（未确认）', votes, m.held ? '是' : '否',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
