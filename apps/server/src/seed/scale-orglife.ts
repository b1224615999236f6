// Organisational life at scale: twelve months of meetings (up to `today`) for every
// branch-level organisation of the plan, as the rules ask for them (主题党日 and 支委会 monthly,
// 党员大会 and 党课 quarterly, 党小组会 monthly per group, 组织生活会 in December), with a few
// gaps and a few minutes not yet confirmed, so compliance figures have something to show.
// Written with a handful of multi-row statements; no attendees (the rollup does not read them).

import { sql } from 'kysely';
import { addDays, addMonths, isBranchLike, MEETING_KIND_LABELS, shanghaiInstant, type MeetingKind } from '@hongyun/shared';
import type { Tx } from '../db/database';
import { Random } from './random';
import type { Plan } from './scale-plan';

const ORGLIFE_SEED = 20180101;
/** Rows per INSERT: 9 arrays of parameters, one statement per batch. */
const BATCH = 20000;
/** Most branches miss little; a few struggle. */
const GAP = 0.04;
const STRUGGLING = 0.05;
const STRUGGLING_GAP = 0.35;

interface Written {
  ids: number[];
  paths: string[];
  groupIds: Map<number, number[]>;
}

interface Row {
  orgId: number;
  orgPath: string;
  groupId: number | null;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  dueOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Twelve months of meetings for each branch-level organisation; minutes confirmed for most. */
export async function writeOrgLife(tx: Tx, plan: Plan, w: Written, today: string): Promise<number> {
  const rng = new Random(ORGLIFE_SEED);
  const first = addMonths(`${today.slice(0, 7)}-01`, -11);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(first, i).slice(0, 7));
  const rows: Row[] = [];
  plan.orgs.forEach((o, i) => {
    if (!isBranchLike(o.kind)) return;
    const struggling = rng.chance(STRUGGLING);
    const gap = () => rng.chance(struggling ? STRUGGLING_GAP : GAP);
    const orgId = w.ids[i];
    const orgPath = w.paths[i];
    const add = (kind: MeetingKind, month: string, day: number, groupId: number | null = null, groupName = '') => {
      const date = `${month}-${pad(day)}`;
      if (date > today || date < o.founded || gap()) return;
      const evening = rng.chance(0.4);
      const starts = shanghaiInstant(date, evening ? '19:00' : '14:30');
      rows.push({
        orgId, orgPath, groupId, kind, title: `${Number(month.slice(5))}月${groupName}${MEETING_KIND_LABELS[kind].zh}`,
        startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 90 * 60_000).toISOString(), dueOn: addDays(date, 3),
      });
    };
    const committee = o.posts === 'committee' && o.term !== null;
    const groups = w.groupIds.get(orgId) ?? [];
    for (const month of months) {
      const m = Number(month.slice(5));
      add('themeDay', month, rng.int(1, 8));
      if (committee) add('committeeMeeting', month, rng.int(3, 20));
      groups.forEach((g, k) => add('groupMeeting', month, rng.int(5, 25), g, `第${k + 1}党小组`));
      // One 党员大会 and one 党课 in each quarter's middle month.
      if (m % 3 === 2) {
        add('generalMeeting', month, rng.int(10, 25));
        add('lecture', month, rng.int(10, 25));
      }
      if (m === 12) add('lifeMeeting', month, rng.int(15, 28));
    }
  });

  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await sql`
      insert into meeting (org_id, org_path, party_group_id, kind, title, starts_at, ends_at, mode, place, minutes_due_on)
      select org_id, org_path::ltree, group_id, kind, title, starts_at, ends_at, 'offline', '党员活动室', due_on
      from unnest(${b.map((r) => r.orgId)}::bigint[], ${b.map((r) => r.orgPath)}::text[], ${b.map((r) => r.groupId)}::bigint[], ${b.map((r) => r.kind)}::text[],
                  ${b.map((r) => r.title)}::text[], ${b.map((r) => r.startsAt)}::timestamptz[], ${b.map((r) => r.endsAt)}::timestamptz[], ${b.map((r) => r.dueOn)}::date[])
        as x(org_id, org_path, group_id, kind, title, starts_at, ends_at, due_on)`.execute(tx);
  }
  // Minutes for every meeting; the last three days' and one in fifty not yet confirmed.
  const recent = shanghaiInstant(addDays(today, -3));
  await sql`
    insert into meeting_minutes (meeting_id, content, recorded_at, confirmed_at)
    select m.id, m.title || '：书记主持，传达学习上级精神，研究部署近期工作。', least(m.ends_at + interval '1 day', now()),
           case when m.starts_at >= ${recent} or m.id % 50 = 0 then null else m.ends_at + interval '2 days' end
    from meeting m`.execute(tx);
  return rows.length;
}
