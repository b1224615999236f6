import type { Queryable } from '../db/database';

/**
 * A to-do for one person: a user account or a member (members may log in later; their to-dos
 * wait for them). Reminders are to-dos for the responsible people, never public lists.
 */
export interface TodoInput {
  userId?: number | null;
  memberId?: number | null;
  orgPath?: string | null;
  /** What is asked, e.g. 'meeting.reply', 'meeting.minutes', 'leave.decide', 'appraisal.review'. */
  kind: string;
  title: string;
  /** Where the person acts, an app path: '/m/meetings/12' or '/orglife/meetings/12'. */
  link?: string | null;
  dueOn?: string | null;
  /** Hidden from the person until this moment (the minutes of a meeting: from its start). */
  showsFrom?: Date | null;
  /** The record the to-do is about; (kind, source, person) is unique, so adding twice adds once. */
  sourceType: string;
  sourceId: number;
}

/** Adds to-dos in the caller's transaction; one already there for the same person and source stays. */
export async function addTodos(db: Queryable, todos: TodoInput[]): Promise<void> {
  if (todos.length === 0) return;
  await db
    .insertInto('todo')
    .values(todos.map((t) => ({
      userId: t.userId ?? null, memberId: t.memberId ?? null, orgPath: t.orgPath ?? null,
      kind: t.kind, title: t.title, link: t.link ?? null, dueOn: t.dueOn ?? null, showsFrom: t.showsFrom ?? null, sourceType: t.sourceType, sourceId: t.sourceId,
    })))
    // todo_once: (kind, source, person) is unique.
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Marks done the open to-dos of a kind about a source: for everyone, or only for the given
 * member or user (a member replied; the others still have theirs).
 */
export async function completeTodos(db: Queryable, where: { kind: string | string[]; sourceType: string; sourceId: number; memberId?: number; userId?: number }): Promise<void> {
  let q = db.updateTable('todo').set({ doneAt: new Date() })
    .where('kind', 'in', Array.isArray(where.kind) ? where.kind : [where.kind])
    .where('sourceType', '=', where.sourceType).where('sourceId', '=', where.sourceId).where('doneAt', 'is', null);
  if (where.memberId != null) q = q.where('memberId', '=', where.memberId);
  if (where.userId != null) q = q.where('userId', '=', where.userId);
  await q.execute();
}
