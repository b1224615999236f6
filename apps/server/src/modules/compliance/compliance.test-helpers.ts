import { addDays, shanghaiInstant } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { TestApp } from '../../test/app';

// Builders for compliance tests: meetings with or without confirmed minutes, committees and
// party groups, written straight into the tables the meeting module owns.

export async function addMeeting(db: Database, org: { id: number; path: string }, o: {
  kind: string; date: string; time?: string; title?: string; confirmed?: boolean; minutes?: boolean; status?: 'planned' | 'cancelled'; partyGroupId?: number | null;
}) {
  const startsAt = shanghaiInstant(o.date, o.time ?? '14:00');
  const m = await db.insertInto('meeting').values({
    orgId: org.id, orgPath: org.path, kind: o.kind, title: o.title ?? `${o.date} ${o.kind}`, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), mode: 'offline',
    place: '党员活动室', minutesDueOn: addDays(o.date, 3), status: o.status ?? 'planned', cancelledReason: o.status === 'cancelled' ? '改期' : null, partyGroupId: o.partyGroupId ?? null,
    topics: JSON.stringify(['学习贯彻会议精神']) as never,
  }).returning('id').executeTakeFirstOrThrow();
  if (o.minutes !== false) {
    await db.insertInto('meetingMinutes').values({ meetingId: m.id, content: '会议由书记主持，传达学习了上级精神，讨论了下月工作安排。', confirmedAt: o.confirmed === false ? null : new Date() }).execute();
  }
  return m.id;
}

/** A current term whose posts make a 支部委员会 (书记 and two 委员). */
export async function addCommittee(t: TestApp, orgId: number, termDue = '2028-06-30') {
  const l = await t.db.insertInto('leadership').values({ orgId, termStart: '2025-06-30', termDue }).returning('id').executeTakeFirstOrThrow();
  for (const post of ['secretary', 'organizationMember', 'publicityMember']) {
    const m = await t.given.member({ orgId });
    await t.db.insertInto('leadershipPost').values({ leadershipId: l.id, memberId: m.id, post, appointedOn: '2025-06-30' }).execute();
  }
}

/** A current term of a lone secretary and a deputy: not a committee. */
export async function addSecretaryOnly(t: TestApp, orgId: number, termDue = '2028-06-30') {
  const l = await t.db.insertInto('leadership').values({ orgId, termStart: '2025-06-30', termDue }).returning('id').executeTakeFirstOrThrow();
  for (const post of ['secretary', 'deputySecretary']) {
    const m = await t.given.member({ orgId });
    await t.db.insertInto('leadershipPost').values({ leadershipId: l.id, memberId: m.id, post, appointedOn: '2025-06-30' }).execute();
  }
}
