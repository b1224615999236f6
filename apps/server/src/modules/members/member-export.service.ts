import type { AuditActor } from '../../platform/audit';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  EDUCATION_LEVEL_LABELS, GENDER_LABELS, KEY_POSITION_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS, maskIdNumber, maskPhone, todayInShanghai,
  type EducationLevel, type Gender, type KeyPosition, type MemberCategory, type MemberStatus,
} from '@hongyun/shared';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { createMemberRepository, type MemberSearch } from './member.repository';
import { createMemberService } from './member.service';
import { EXPORT_ONLY_TITLES, FLAG_NO, FLAG_YES, LIST_SEPARATOR, ROSTER_COLUMNS, type RosterValues } from './member-import.columns';
import type { MemberExportInput } from './member-import.schemas';
import { ROSTER_SHEET } from './member-import.template';

/** An export checked and ready to stream: errors (scope, reveal) are thrown before any byte. */
export interface ExportPlan {
  /** Who the audit entry names (the caller; the CLI substitutes itself). */
  actor: AuditActor;
  search: MemberSearch;
  reveal: boolean;
  fileName: string;
  orgPath: string | null;
  filters: Record<string, unknown>;
}

type StreamRow = Awaited<ReturnType<ReturnType<typeof createMemberRepository>['stream']> extends AsyncGenerator<infer T> ? T : never>[number];

const yesNo = (b: boolean) => (b ? FLAG_YES : FLAG_NO);

export function createMemberExportService(ctx: Pick<AppContext, 'db' | 'cipher'>) {
  const { db, cipher } = ctx;
  const members = createMemberService(ctx);

  /** One sheet row; enum columns are held to their values by check constraints, hence the casts. */
  function cellsOf(r: StreamRow, reveal: boolean): (string | null)[] {
    const values: Record<keyof RosterValues, string | null> = {
      name: r.name,
      idNumber: reveal ? cipher.decrypt(r.idNumberCipher) : r.idNumberMasked,
      gender: GENDER_LABELS[r.gender as Gender]?.zh ?? r.gender,
      ethnicity: r.ethnicity,
      phone: reveal && r.phoneCipher ? cipher.decrypt(r.phoneCipher) : r.phoneMasked,
      education: r.education ? EDUCATION_LEVEL_LABELS[r.education as EducationLevel]?.zh ?? r.education : null,
      employerName: r.employerName,
      job: r.job,
      keyPositions: r.keyPositions.map((k) => KEY_POSITION_LABELS[k as KeyPosition]?.zh ?? k).join(LIST_SEPARATOR) || null,
      category: MEMBER_CATEGORY_LABELS[r.category as MemberCategory]?.zh ?? r.category,
      status: MEMBER_STATUS_LABELS[r.status as MemberStatus]?.zh ?? r.status,
      appliedOn: r.appliedOn, activistOn: r.activistOn, candidateOn: r.candidateOn, joinedOn: r.joinedOn, confirmedOn: r.confirmedOn,
      partyGroupName: r.partyGroupName,
      isMobile: yesNo(r.isMobile), isInHardship: yesNo(r.isInHardship), isPartyWorker: yesNo(r.isPartyWorker),
    };
    return [...ROSTER_COLUMNS.map((c) => values[c.key]), r.orgName, r.orgCode];
  }

  return {
    /**
     * Turns the roster filters into a scoped export. NotFound when `orgId` is out of export
     * scope; Forbidden when `reveal` is asked without member.reveal over the whole range.
     */
    async plan(access: Access, input: MemberExportInput): Promise<ExportPlan> {
      const { reveal: revealText, ...filter } = input;
      const search = await members.toSearch(access, filter);
      search.alsoIn = access.paths('member.export');
      if (search.subtreePath) access.assertInScope('member.export', search.subtreePath);
      const roots = search.subtreePath ? [search.subtreePath] : access.paths('member.export');
      const reveal = revealText === 'true';
      if (reveal) {
        if (!access.can('member.reveal')) throw new Forbidden('FORBIDDEN', '您的账号没有查看完整身份证号的权限，请取消“显示完整信息”后导出');
        if (!roots.every((root) => access.inScope('member.reveal', root))) {
          throw new Forbidden('REVEAL_OUT_OF_SCOPE', '导出范围中有您无权查看完整信息的组织；请选择您负责的组织后再导出完整信息，或取消“显示完整信息”');
        }
      }
      const filters = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
      // A search by ID number or phone must not put the full value into the audit trail.
      if (typeof filters.q === 'string' && /\d{7,}/.test(filters.q)) filters.q = /^\d{17}[\dXx]$/.test(filters.q) ? maskIdNumber(filters.q) : maskPhone(filters.q);
      const fileName = `党员名册-${todayInShanghai().replaceAll('-', '')}.xlsx`;
      return { actor: access.actor, search, reveal, fileName, orgPath: search.subtreePath ?? (roots.length === 1 ? roots[0] : null), filters };
    },

    /**
     * Streams the workbook into `out`, then audits (member.export, subjects = every exported
     * member) before finishing the file, so a complete export always has its audit entry.
     * An export cut short is still audited with the rows sent, marked incomplete.
     */
    async write(plan: ExportPlan, out: Writable): Promise<{ rows: number }> {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
      const sheet = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [...ROSTER_COLUMNS.map((c) => ({ width: c.width })), { width: 28 }, { width: 14 }];
      const header = sheet.addRow([...ROSTER_COLUMNS.map((c) => c.title), ...EXPORT_ONLY_TITLES]);
      header.font = { bold: true };
      header.commit();
      const ids: number[] = [];
      let complete = false;
      const record = (incomplete: boolean) =>
        audit(db, plan.actor, {
          action: 'member.export', targetType: 'member', orgPath: plan.orgPath, subjects: ids,
          detail: { filters: plan.filters, rows: ids.length, reveal: plan.reveal, ...(incomplete ? { incomplete: true } : {}) },
        });
      try {
        // One snapshot: the offset-paged batches neither skip nor repeat rows edited meanwhile.
        await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => {
          for await (const batch of createMemberRepository(tx).stream(plan.search)) {
            for (const r of batch) {
              sheet.addRow(cellsOf(r, plan.reveal)).commit();
              ids.push(r.id);
            }
          }
        });
        sheet.commit();
        await record(false);
        complete = true;
        await wb.commit();
        return { rows: ids.length };
      } finally {
        if (!complete && ids.length) await record(true).catch(() => undefined);
      }
    },
  };
}
export type MemberExportService = ReturnType<typeof createMemberExportService>;
