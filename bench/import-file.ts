// Writes a member-import workbook of invented people with exceljs' streaming writer. The
// columns come from the importer's own list (ROSTER_COLUMNS), so the file stays in step with
// the template. Every row is valid; shared strings are on, as in files saved by Excel or WPS.

import ExcelJS from 'exceljs';
import { KEY_POSITION_LABELS, todayInShanghai } from '@hongyun/shared';
import { FLAG_NO, FLAG_YES, LIST_SEPARATOR, ROSTER_COLUMNS, headerTitle, type RosterColumn, type RosterValues } from '../apps/server/src/modules/members/member-import.columns';
import { PeopleFactory, type Person } from '../apps/server/src/seed/people';
import type { Profile } from '../apps/server/src/seed/places';
import { Random } from '../apps/server/src/seed/random';

/** The sheet name of the generated roster (the importer reads the first worksheet). */
export const ROSTER_SHEET = '党员名册';

export interface RosterFileOptions {
  rows: number;
  /** Party group names that exist in the target organisation (some rows get one). */
  partyGroups?: string[];
  seed?: number;
  today?: string;
}

function rosterValues(p: Person, employer: string, partyGroupName: string | null): RosterValues {
  return {
    name: p.name, idNumber: p.idNumber, gender: p.gender, ethnicity: p.ethnicity, phone: p.phone, education: p.education,
    employerName: employer, job: p.job, keyPositions: p.keyPositions, category: p.category, status: p.status,
    appliedOn: p.appliedOn, activistOn: p.activistOn, candidateOn: p.candidateOn, joinedOn: p.joinedOn, confirmedOn: p.confirmedOn,
    partyGroupName, isMobile: p.isMobile, isInHardship: p.isInHardship, isPartyWorker: p.isPartyWorker,
  };
}

/** How a value is typed into its cell: choices as their Chinese label, flags as 是/否. */
function cellOf(column: RosterColumn, values: RosterValues): string | null {
  const v = values[column.key];
  if (v === null || v === undefined) return null;
  switch (column.kind) {
    case 'choice': {
      for (const [label, value] of column.choices ?? []) if (value === v) return label;
      throw new Error(`no label for ${column.key} = ${String(v)}`);
    }
    case 'keyPositions':
      return (v as RosterValues['keyPositions']).map((k) => KEY_POSITION_LABELS[k].zh).join(LIST_SEPARATOR) || null;
    case 'flag':
      return v ? FLAG_YES : FLAG_NO;
    default:
      return String(v);
  }
}

/** Writes `rows` people to `file`; returns the seconds it took. */
export async function writeRosterFile(file: string, o: RosterFileOptions): Promise<number> {
  const started = performance.now();
  const rng = new Random(o.seed ?? 20260101);
  const people = new PeopleFactory(rng, o.today ?? todayInShanghai());
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet(ROSTER_SHEET);
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: headerTitle(c), key: c.key, width: c.width }));
  const employers = ['乌镇云栖网络科技有限公司', '浙江乌镇数智云计算有限公司', '桐乡市濮院毛衫直播电商有限公司', '桐乡龙翔大数据有限公司'];
  const profiles: Profile[] = ['tech', 'tech', 'commerce', 'media'];
  for (let i = 0; i < o.rows; i++) {
    const company = i % employers.length;
    const p = people.person({ profile: profiles[company] });
    const group = o.partyGroups?.length && rng.chance(0.5) ? rng.pick(o.partyGroups) : null;
    const values = rosterValues(p, employers[company], group);
    sheet.addRow(ROSTER_COLUMNS.map((c) => cellOf(c, values))).commit();
  }
  sheet.commit();
  await workbook.commit();
  return (performance.now() - started) / 1000;
}
