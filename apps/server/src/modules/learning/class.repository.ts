import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';

/** Online-school classes, enrolments and the study-hours ledger: SQL only, no rules. */
export function createClassRepository(db: Queryable) {
  const classColumns = [
    'k.id', 'k.orgId', 'o.name as orgName', sql<string>`k.org_path::text`.as('orgPath'), 'k.title', 'k.year', 'k.startsOn', 'k.endsOn', 'k.requiredHours', 'k.status', 'k.version',
  ] as const;

  return {
    async listClasses(q: { scope: Expression<SqlBool>; year?: number; page: number; pageSize: number }) {
      let base = db.selectFrom('trainingClass as k').innerJoin('org as o', 'o.id', 'k.orgId').where(q.scope);
      if (q.year) base = base.where('k.year', '=', q.year);
      const [items, total] = await Promise.all([
        base.select([...classColumns,
          (eb) => eb.selectFrom('classEnrolment').select((e) => e.fn.countAll<number>().as('n')).whereRef('classId', '=', 'k.id').as('enrolledCount'),
          (eb) => eb.selectFrom('classEnrolment').select((e) => e.fn.countAll<number>().as('n')).whereRef('classId', '=', 'k.id').where('completedAt', 'is not', null).as('completedCount'),
        ]).orderBy('k.year', 'desc').orderBy('k.startsOn', 'desc').orderBy('k.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    getClass(id: number) {
      return db.selectFrom('trainingClass as k').innerJoin('org as o', 'o.id', 'k.orgId').select([...classColumns,
        (eb) => eb.selectFrom('classEnrolment').select((e) => e.fn.countAll<number>().as('n')).whereRef('classId', '=', 'k.id').as('enrolledCount'),
        (eb) => eb.selectFrom('classEnrolment').select((e) => e.fn.countAll<number>().as('n')).whereRef('classId', '=', 'k.id').where('completedAt', 'is not', null).as('completedCount'),
      ]).where('k.id', '=', id).executeTakeFirst();
    },

    lockClass(id: number) {
      return db.selectFrom('trainingClass as k').innerJoin('org as o', 'o.id', 'k.orgId').select(classColumns).where('k.id', '=', id).forUpdate('k').executeTakeFirst();
    },

    insertClass(row: { orgId: number; orgPath: string; title: string; year: number; startsOn: string; endsOn: string; requiredHours: number; createdBy: number }) {
      return db.insertInto('trainingClass').values({ ...row, orgPath: sql<string>`${row.orgPath}::ltree` }).returning('id').executeTakeFirstOrThrow();
    },

    updateClass(id: number, patch: { title: string; year: number; startsOn: string; endsOn: string; requiredHours: number; status: string }) {
      return db.updateTable('trainingClass').set({ ...patch, version: sql<number>`version + 1` }).where('id', '=', id).execute();
    },

    coursesByIds(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('course').select(['id', 'title', sql<string>`org_path::text`.as('orgPath'), 'status']).where('id', 'in', ids).execute();
    },

    async setClassCourses(classId: number, courseIds: number[]) {
      await db.deleteFrom('classCourse').where('classId', '=', classId).execute();
      if (courseIds.length) await db.insertInto('classCourse').values(courseIds.map((courseId, i) => ({ classId, courseId, position: i + 1 }))).execute();
    },

    classCourses(classIds: number[]) {
      if (classIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('classCourse as cc').innerJoin('course as c', 'c.id', 'cc.courseId')
        .select(['cc.classId', 'c.id', 'c.title', 'c.studyHours', 'c.status']).where('cc.classId', 'in', classIds).orderBy('cc.classId').orderBy('cc.position').execute();
    },

    /** Enrols members once each; returns how many were new. */
    async enrol(classId: number, memberIds: number[]) {
      const rows = await db.insertInto('classEnrolment').values(memberIds.map((memberId) => ({ classId, memberId })))
        .onConflict((oc) => oc.columns(['classId', 'memberId']).doNothing()).returning('memberId').execute();
      return rows.length;
    },

    /** Removes an enrolment that has not completed; false when there was none to remove. */
    async removeEnrolment(classId: number, memberId: number) {
      const r = await db.deleteFrom('classEnrolment').where('classId', '=', classId).where('memberId', '=', memberId).where('completedAt', 'is', null).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    enrolment(classId: number, memberId: number) {
      return db.selectFrom('classEnrolment').select(['completedAt', 'certificateNo']).where('classId', '=', classId).where('memberId', '=', memberId).executeTakeFirst();
    },

    async progress(q: { classId: number; year: number; incomplete: boolean; page: number; pageSize: number }) {
      let base = db.selectFrom('classEnrolment as e').innerJoin('member as mb', 'mb.id', 'e.memberId').innerJoin('org as o', 'o.id', 'mb.orgId').where('e.classId', '=', q.classId);
      if (q.incomplete) base = base.where('e.completedAt', 'is', null);
      const [items, total] = await Promise.all([
        base.select(['e.memberId', 'mb.name', 'o.name as orgName', 'e.completedAt', 'e.certificateNo', sql<string>`(select coalesce(sum(s.hours), 0) from study_hours_entry s where s.member_id = e.member_id and s.year = ${q.year})`.as('hours')])
          .orderBy('mb.name').orderBy('mb.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    hoursInYear(memberId: number, year: number) {
      return db.selectFrom('studyHoursEntry').select(sql<string>`coalesce(sum(hours), 0)`.as('hours')).where('memberId', '=', memberId).where('year', '=', year)
        .executeTakeFirstOrThrow().then((r) => Number(r.hours));
    },

    myEnrolments(memberId: number) {
      return db.selectFrom('classEnrolment as e').innerJoin('trainingClass as k', 'k.id', 'e.classId').innerJoin('org as o', 'o.id', 'k.orgId')
        .select(['k.id', 'k.title', 'o.name as orgName', 'k.year', 'k.startsOn', 'k.endsOn', 'k.requiredHours', 'e.completedAt', 'e.certificateNo'])
        .where('e.memberId', '=', memberId).orderBy('k.year', 'desc').orderBy('k.startsOn', 'desc').execute();
    },

    completedCourseIds(memberId: number, courseIds: number[]) {
      if (courseIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('courseCompletion').select('courseId').where('memberId', '=', memberId).where('courseId', 'in', courseIds).execute().then((r) => r.map((x) => x.courseId));
    },

    ledger(memberId: number, year: number) {
      return db.selectFrom('studyHoursEntry').select(['id', 'hours', 'sourceType', 'sourceId', 'title', 'recordedAt'])
        .where('memberId', '=', memberId).where('year', '=', year).orderBy('recordedAt', 'desc').orderBy('id', 'desc').execute();
    },

    /** Whether the member holds a post in a current branch committee (书记、委员) on `today`. */
    async isLeader(memberId: number, today: string) {
      const row = await db.selectFrom('leadershipPost as p').innerJoin('leadership as l', 'l.id', 'p.leadershipId').select('p.id')
        .where('p.memberId', '=', memberId).where('l.isCurrent', '=', true)
        .where((eb) => eb.or([eb('p.dismissedOn', 'is', null), eb('p.dismissedOn', '>', today)])).limit(1).executeTakeFirst();
      return !!row;
    },

    /**
     * Per live member under `root`: hours in the year against what they must reach (leaders the
     * higher figure), ordered by name — a to-do list, not a ranking.
     */
    async orgTotals(q: { root: string; year: number; today: string; memberRequired: number; leaderRequired: number; below: boolean; page: number; pageSize: number }) {
      const rows = sql<{ memberId: number; name: string; orgName: string; leader: boolean; hours: string; required: string }>`
        with m as (
          select mb.id as member_id, mb.name, o.name as org_name,
                 exists (select 1 from leadership_post p join leadership l on l.id = p.leadership_id
                          where p.member_id = mb.id and l.is_current and (p.dismissed_on is null or p.dismissed_on > ${q.today}::date)) as leader,
                 (select coalesce(sum(s.hours), 0) from study_hours_entry s where s.member_id = mb.id and s.year = ${q.year}) as hours
            from member mb join org o on o.id = mb.org_id
           where mb.org_path <@ ${q.root}::ltree and mb.status = 'normal'
        ), r as (
          select *, case when leader then ${q.leaderRequired}::numeric else ${q.memberRequired}::numeric end as required from m
        )
        select * from r where ${q.below} is false or hours < required`;
      const [page, count] = await Promise.all([
        sql<{ memberId: number; name: string; orgName: string; leader: boolean; hours: string; required: string }>`${rows} order by name, member_id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db),
        sql<{ n: number }>`select count(*)::int as n from (${rows}) x`.execute(db),
      ]);
      return { items: page.rows, total: Number(count.rows[0].n) };
    },
  };
}
export type ClassRepository = ReturnType<typeof createClassRepository>;
