// Leadership terms and committee posts for seeded organisations.

import { addDays, addYears, DEFAULT_RULE_SETTINGS, termDueDate, type LeadershipPost, type OrgKind } from '@hongyun/shared';
import type { Tx } from '../db/database';
import type { TermState } from './demo-data';
import type { Random } from './random';
import { insertBatches } from './write';

export interface LeaderPick {
  kind: OrgKind;
  termStart: string;
  posts: { memberId: number; post: LeadershipPost }[];
}

/** Committee posts by committee size (支部工作条例 ch. 6: a 支委会 has 3–5 members). */
const COMMITTEE_POSTS: Record<number, LeadershipPost[]> = {
  3: ['secretary', 'organizationMember', 'publicityMember'],
  4: ['secretary', 'organizationMember', 'publicityMember', 'disciplineMember'],
  5: ['secretary', 'deputySecretary', 'organizationMember', 'publicityMember', 'disciplineMember'],
};

/**
 * Posts for the given candidates, the first becoming secretary. 'committee' seats 3–5 people
 * (by the number of candidates unless `seats` is given, never more than there are);
 * 'secretary' seats a secretary and, from 5 candidates, a deputy.
 */
export function pickPosts(candidates: number[], mode: 'committee' | 'secretary', seats?: 3 | 4 | 5): LeaderPick['posts'] {
  let titles: LeadershipPost[];
  if (mode === 'secretary') titles = candidates.length >= 5 ? ['secretary', 'deputySecretary'] : ['secretary'];
  else if (seats) titles = COMMITTEE_POSTS[seats];
  else if (candidates.length >= 12) titles = COMMITTEE_POSTS[5];
  else if (candidates.length >= 8) titles = COMMITTEE_POSTS[4];
  else titles = COMMITTEE_POSTS[3];
  return titles.slice(0, candidates.length).map((post, i) => ({ memberId: candidates[i], post }));
}

/**
 * When the current term started: well inside the term, or placed so that re-election is
 * overdue by about half a year, or due within the 6-month reminder window. Never before the
 * organisation was founded.
 */
export function termStartFor(kind: OrgKind, state: TermState, founded: string, rng: Random, today: string): string {
  if (kind === 'office') throw new RangeError('a working office has no elected leadership');
  const years = DEFAULT_RULE_SETTINGS.termYears.value[kind];
  if (state === 'overdue') return addDays(addYears(today, -years), -rng.int(150, 250));
  if (state === 'dueSoon') return addDays(addYears(today, -years), rng.int(60, 120));
  const start = addDays(today, -rng.int(60, years * 365 - 240));
  return start < founded ? founded : start;
}

/** Inserts one current leadership per pick and its posts, appointed on the term's start. */
export async function writeLeadership(tx: Tx, picks: (LeaderPick & { orgId: number })[]): Promise<void> {
  if (picks.length === 0) return;
  const rows = picks.map((p) => ({ orgId: p.orgId, termStart: p.termStart, termDue: termDueDate(p.kind, p.termStart) }));
  const leaderships: { id: number; orgId: number }[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    leaderships.push(...(await tx.insertInto('leadership').values(rows.slice(i, i + 2000)).returning(['id', 'orgId']).execute()));
  }
  const idOf = new Map(leaderships.map((l) => [l.orgId, l.id]));
  const posts = picks.flatMap((p) => p.posts.map((post) => ({ leadershipId: idOf.get(p.orgId)!, memberId: post.memberId, post: post.post, appointedOn: p.termStart })));
  await insertBatches(tx, 'leadershipPost', posts, 5000);
}
