import { LEARNING_SETTINGS, todayInShanghai, type ClassStatus, type PublishStatus, type StudyHoursSource } from '@hongyun/shared';
import type { Database } from '../../db/database';
import { isWithin, type Access, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { settingNumber } from '../../platform/settings';
import { liveMemberIdsUnder, liveMembersNamed, membersByIds } from '../members/member-reads';
import { createClassRepository, type ClassRepository } from './class.repository';
import { createCourseRepository } from './course.repository';
import type { BulkEnrolInput, CreateClassInput, UpdateClassInput } from './learning.schemas';
import { completeReachedEnrolments } from './study-hours';

const currentYear = () => Number(todayInShanghai().slice(0, 4));

/** The yearly requirement (training plan: 32 学时 for members, 56 for secretaries and committee members). */
export async function studyHourRequirements(db: Database) {
  const [member, leader] = await Promise.all([
    settingNumber(db, 'learning.memberStudyHours', LEARNING_SETTINGS.memberStudyHours.value),
    settingNumber(db, 'learning.leaderStudyHours', LEARNING_SETTINGS.leaderStudyHours.value),
  ]);
  return { member, leader };
}

/** Online-school classes (培训班, course.manage in scope) and study-hours views. */
export function createClassService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createClassRepository(db);

  async function readable(access: Access, id: number) {
    const k = await repo.getClass(id);
    if (!k || !access.inScope('course.manage', k.orgPath)) throw new NotFound();
    return k;
  }

  /** Courses a class may include: ones its members could see (of the class's organisation, above or below it), not archived. */
  async function checkCourses(r: ClassRepository, ids: number[], classPath: string) {
    if (new Set(ids).size !== ids.length) invalidField('courseIds', '课程有重复，请检查');
    const found = new Map((await r.coursesByIds(ids)).map((c) => [c.id, c]));
    ids.forEach((id, i) => {
      const c = found.get(id);
      if (!c || !(isWithin(classPath, c.orgPath) || isWithin(c.orgPath, classPath))) invalidField(`courseIds.${i}`, '该课程不存在，或不是本组织、上级或下级组织开设的课程');
      if (c.status === 'archived') invalidField(`courseIds.${i}`, `课程“${c.title}”已归档，不能加入培训班`);
    });
  }

  function checkDates(input: { startsOn: string; endsOn: string }) {
    if (input.endsOn < input.startsOn) invalidField('endsOn', '结束日期不能早于开始日期');
  }

  /** The content of a printable certificate (结业证书) of a member who completed the class. */
  async function certificate(access: Access | null, id: number, memberId: number) {
    const k = await repo.getClass(id);
    if (!k || (access && !access.inScope('course.manage', k.orgPath))) throw new NotFound();
    const e = await repo.enrolment(id, memberId);
    if (!e?.completedAt || !e.certificateNo) throw new NotFound('该党员尚未结业，暂无结业证书');
    const [member] = await membersByIds(db, [memberId]);
    return {
      certificateNo: e.certificateNo, memberName: member.name, classTitle: k.title, year: k.year, startsOn: k.startsOn, endsOn: k.endsOn,
      hours: await repo.hoursInYear(memberId, k.year), requiredHours: Number(k.requiredHours), completedOn: todayInShanghai(e.completedAt), issuingOrgName: k.orgName,
    };
  }

  const summaryOf = (k: NonNullable<Awaited<ReturnType<ClassRepository['getClass']>>>) => ({
    id: k.id, orgId: k.orgId, orgName: k.orgName, title: k.title, year: k.year, startsOn: k.startsOn, endsOn: k.endsOn, requiredHours: Number(k.requiredHours),
    status: k.status as ClassStatus, enrolledCount: Number(k.enrolledCount ?? 0), completedCount: Number(k.completedCount ?? 0), version: k.version,
  });

  return {
    async list(access: Access, q: { year?: number; page: number; pageSize: number }) {
      const data = await repo.listClasses({ scope: access.filter('course.manage', 'k.org_path'), ...q });
      return { items: data.items.map(summaryOf), total: data.total, page: q.page, pageSize: q.pageSize };
    },

    async detail(access: Access, id: number) {
      const k = await readable(access, id);
      const courses = await repo.classCourses([id]);
      return { ...summaryOf(k), courses: courses.map((c) => ({ id: c.id, title: c.title, studyHours: Number(c.studyHours), status: c.status as PublishStatus })) };
    },

    async create(access: Access, input: CreateClassInput): Promise<number> {
      const org = await createCourseRepository(db).org(input.orgId);
      if (!org) throw new NotFound();
      access.assertInScope('course.manage', org.path);
      if (org.abolishedOn) invalidField('orgId', '该组织已撤销，不能再开班');
      checkDates(input);
      return db.transaction().execute(async (tx) => {
        const r = createClassRepository(tx);
        await checkCourses(r, input.courseIds, org.path);
        const row = { orgId: org.id, orgPath: org.path, title: input.title, year: input.year, startsOn: input.startsOn, endsOn: input.endsOn, requiredHours: input.requiredHours, createdBy: access.actor.userId };
        const { id } = await r.insertClass(row);
        await r.setClassCourses(id, input.courseIds);
        await audit(tx, access.actor, { action: 'trainingClass.create', targetType: 'trainingClass', targetId: id, orgPath: org.path, after: { ...row, courseIds: input.courseIds } });
        return id;
      });
    },

    async update(access: Access, id: number, input: UpdateClassInput) {
      checkDates(input);
      await db.transaction().execute(async (tx) => {
        const r = createClassRepository(tx);
        const k = await r.lockClass(id);
        if (!k || !access.inScope('course.manage', k.orgPath)) throw new NotFound();
        if (k.version !== input.version) throw new Conflict('STALE_VERSION', '该培训班刚被其他人修改过，请刷新后再编辑');
        await checkCourses(r, input.courseIds, k.orgPath);
        const patch = { title: input.title, year: input.year, startsOn: input.startsOn, endsOn: input.endsOn, requiredHours: input.requiredHours, status: input.status ?? k.status };
        await r.updateClass(id, patch);
        await r.setClassCourses(id, input.courseIds);
        // A lower requirement or a reopened class may complete members who already have the hours.
        await completeReachedEnrolments(tx, null, id);
        await audit(tx, access.actor, { action: 'trainingClass.update', targetType: 'trainingClass', targetId: id, orgPath: k.orgPath, before: { title: k.title, year: k.year, requiredHours: k.requiredHours, status: k.status }, after: { ...patch, courseIds: input.courseIds } });
      });
    },

    /** Enrols members of the class organisation's subtree; anyone else is refused by name. */
    async enrol(access: Access, id: number, memberIds: number[]) {
      return db.transaction().execute(async (tx) => {
        const r = createClassRepository(tx);
        const k = await r.lockClass(id);
        if (!k || !access.inScope('course.manage', k.orgPath)) throw new NotFound();
        if (k.status !== 'open') throw new Conflict('CLASS_CLOSED', '培训班已结束，不能再报名');
        const ids = [...new Set(memberIds)];
        const members = new Map((await membersByIds(tx, ids)).map((m) => [m.id, m]));
        ids.forEach((mid, i) => {
          const mb = members.get(mid);
          if (!mb || !isWithin(mb.orgPath, k.orgPath)) invalidField(`memberIds.${i}`, `${mb ? `党员${mb.name}` : '该党员'}不在“${k.orgName}”及其下级组织中，不能报名本培训班`);
          if (mb.status !== 'normal') invalidField(`memberIds.${i}`, `党员${mb.name}当前不在册，不能报名`);
        });
        const enrolled = await r.enrol(id, ids);
        await completeReachedEnrolments(tx, ids, id);
        await audit(tx, access.actor, { action: 'trainingClass.enrol', targetType: 'trainingClass', targetId: id, orgPath: k.orgPath, after: { memberIds: ids, enrolled }, subjects: ids });
        return { enrolled, alreadyEnrolled: ids.length - enrolled };
      });
    },

    /**
     * Enrols, in one transaction, every member in the register of an organisation's subtree
     * (inside the class organisation's) or the members named in a pasted list. A name found
     * nowhere in the class organisation's subtree, or shared by several members there, is
     * skipped and reported, never guessed.
     */
    async bulkEnrol(access: Access, id: number, input: BulkEnrolInput) {
      const names = [...new Set((input.names ?? '').split(/[\s,，、;；]+/u).map((n) => n.trim()).filter(Boolean))];
      if ((input.orgId === undefined) === (names.length === 0)) {
        invalidField(input.orgId === undefined ? 'names' : 'orgId', '请选择一个组织，或粘贴党员姓名名单（两者选其一）');
      }
      if (names.length > 500) invalidField('names', `名单中有 ${names.length} 个姓名，一次最多 500 人，请分批报名`);
      if (names.some((n) => n.length > 30)) invalidField('names', '名单中有过长的姓名，请每行一个姓名');
      return db.transaction().execute(async (tx) => {
        const r = createClassRepository(tx);
        const k = await r.lockClass(id);
        if (!k || !access.inScope('course.manage', k.orgPath)) throw new NotFound();
        if (k.status !== 'open') throw new Conflict('CLASS_CLOSED', '培训班已结束，不能再报名');
        let ids: number[];
        const skipped: { name: string; reason: 'notInScope' | 'ambiguous' }[] = [];
        if (input.orgId !== undefined) {
          const org = await createCourseRepository(tx).org(input.orgId);
          if (!org || !access.inScope('course.manage', org.path)) throw new NotFound();
          if (!isWithin(org.path, k.orgPath)) invalidField('orgId', `请选择“${k.orgName}”或其下级组织`);
          ids = await liveMemberIdsUnder(tx, org.path);
        } else {
          const found = await liveMembersNamed(tx, k.orgPath, names);
          ids = [];
          for (const name of names) {
            const same = found.filter((m) => m.name === name);
            if (same.length === 1) ids.push(same[0].id);
            else skipped.push({ name, reason: same.length === 0 ? 'notInScope' : 'ambiguous' });
          }
        }
        let enrolled = 0;
        // Bounded batches keep each insert well under PostgreSQL's parameter limit.
        for (let i = 0; i < ids.length; i += 5000) enrolled += await r.enrol(id, ids.slice(i, i + 5000));
        if (ids.length) await completeReachedEnrolments(tx, ids, id);
        await audit(tx, access.actor, {
          action: 'trainingClass.bulkEnrol', targetType: 'trainingClass', targetId: id, orgPath: k.orgPath,
          after: { orgId: input.orgId ?? null, listed: names.length, matched: ids.length, enrolled, skipped: skipped.length },
          // Whole-city classes can enrol tens of thousands; the per-member trail is kept for lists of a readable size.
          subjects: ids.length <= 1000 ? ids : undefined,
        });
        return { enrolled, alreadyEnrolled: ids.length - enrolled, skipped };
      });
    },

    async unenrol(access: Access, id: number, memberId: number) {
      await db.transaction().execute(async (tx) => {
        const r = createClassRepository(tx);
        const k = await r.lockClass(id);
        if (!k || !access.inScope('course.manage', k.orgPath)) throw new NotFound();
        const e = await r.enrolment(id, memberId);
        if (!e) throw new NotFound('该党员未报名本培训班');
        if (e.completedAt) throw new Conflict('ENROLMENT_COMPLETED', '该党员已结业并取得证书，不能取消报名');
        await r.removeEnrolment(id, memberId);
        await audit(tx, access.actor, { action: 'trainingClass.unenrol', targetType: 'trainingClass', targetId: id, orgPath: k.orgPath, before: { memberId }, subjects: [memberId] });
      });
    },

    /** Each enrolled member's hours in the class's year against the requirement, by name. */
    async progress(access: Access, id: number, q: { incomplete?: 'true' | 'false'; page: number; pageSize: number }) {
      const k = await readable(access, id);
      const data = await repo.progress({ classId: id, year: k.year, incomplete: q.incomplete === 'true', page: q.page, pageSize: q.pageSize });
      return {
        items: data.items.map((x) => ({ memberId: x.memberId, name: x.name, orgName: x.orgName, hours: Number(x.hours), requiredHours: Number(k.requiredHours), completedAt: x.completedAt?.toISOString() ?? null, certificateNo: x.certificateNo })),
        total: data.total, page: q.page, pageSize: q.pageSize,
      };
    },

    /** My own certificate of a class I completed. */
    async myCertificate(actor: Actor, id: number) {
      if (!actor.memberId) throw new NotFound('您的账号未关联党员信息');
      return certificate(null, id, actor.memberId);
    },

    certificate,

    /** The classes I am enrolled in, with my hours of each class's year and its courses. */
    async mine(actor: Actor) {
      if (!actor.memberId) return { items: [] };
      const memberId = actor.memberId;
      const rows = await repo.myEnrolments(memberId);
      const courses = await repo.classCourses(rows.map((r) => r.id));
      const done = new Set(await repo.completedCourseIds(memberId, [...new Set(courses.map((c) => c.id))]));
      const hoursByYear = new Map<number, number>();
      for (const y of new Set(rows.map((r) => r.year))) hoursByYear.set(y, await repo.hoursInYear(memberId, y));
      return {
        items: rows.map((r) => ({
          id: r.id, title: r.title, orgName: r.orgName, year: r.year, startsOn: r.startsOn, endsOn: r.endsOn, requiredHours: Number(r.requiredHours), hours: hoursByYear.get(r.year) ?? 0,
          completedAt: r.completedAt?.toISOString() ?? null, certificateNo: r.certificateNo,
          courses: courses.filter((c) => c.classId === r.id).map((c) => ({ id: c.id, title: c.title, studyHours: Number(c.studyHours), completed: done.has(c.id) })),
        })),
      };
    },

    /** My study-hours ledger of a year against what I must reach (56 when I sit on a committee, else 32). */
    async myStudyHours(actor: Actor, year?: number) {
      if (!actor.memberId) throw new NotFound('您的账号未关联党员信息');
      const y = year ?? currentYear();
      const [entries, leader, req] = await Promise.all([repo.ledger(actor.memberId, y), repo.isLeader(actor.memberId, todayInShanghai()), studyHourRequirements(db)]);
      const total = entries.reduce((sum, e) => sum + Number(e.hours), 0);
      return {
        year: y, total: Math.round(total * 10) / 10, required: leader ? req.leader : req.member, leader,
        requirementCitation: (leader ? LEARNING_SETTINGS.leaderStudyHours : LEARNING_SETTINGS.memberStudyHours).citation,
        entries: entries.map((e) => ({ id: e.id, hours: Number(e.hours), sourceType: e.sourceType as StudyHoursSource, sourceId: e.sourceId, title: e.title, recordedAt: e.recordedAt.toISOString() })),
      };
    },

    /** Per member of an organisation's subtree: hours against the requirement, by name (member.read in scope). */
    async orgStudyHours(access: Access, q: { orgId: number; year?: number; below?: 'true' | 'false'; page: number; pageSize: number }) {
      const org = await createCourseRepository(db).org(q.orgId);
      if (!org) throw new NotFound();
      access.assertInScope('member.read', org.path);
      const year = q.year ?? currentYear();
      const req = await studyHourRequirements(db);
      const data = await repo.orgTotals({ root: org.path, year, today: todayInShanghai(), memberRequired: req.member, leaderRequired: req.leader, below: q.below === 'true', page: q.page, pageSize: q.pageSize });
      return {
        year, memberRequired: req.member, leaderRequired: req.leader,
        items: data.items.map((x) => ({ memberId: Number(x.memberId), name: x.name, orgName: x.orgName, leader: x.leader, hours: Number(x.hours), required: Number(x.required), met: Number(x.hours) >= Number(x.required) })),
        total: data.total, page: q.page, pageSize: q.pageSize,
      };
    },
  };
}
