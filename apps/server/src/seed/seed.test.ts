import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyStandingYears, structureWarnings, validateIdNumber, validateUscc, type KeyPosition, type MemberCategory, type OrgKind } from '@hongyun/shared';
import { checkMember } from '../modules/members/member.rules';
import { createDataCipher } from '../platform/crypto';
import { createOrgRepository } from '../modules/orgs/org.repository';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { seedDemo } from './demo';
import { DEMO_LOGINS } from './logins';
import { seedScale } from './scale';
import { planScale } from './scale-plan';
import { Random } from './random';

const TODAY = '2026-11-26';
const cipher = createDataCipher(crypto.randomBytes(32));

describe('demo seed', () => {
  let t: TestDatabase;
  let logins: Awaited<ReturnType<typeof seedDemo>>['logins'];

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ logins } = await seedDemo(t.db, cipher, { today: TODAY }));
  });
  afterAll(() => t.drop());

  it('creates the city work committee, its two offices and the 11 towns by name', async () => {
    const towns = await t.db.selectFrom('org').select(['name', 'code']).where('isTown', '=', true).orderBy('code').execute();
    expect(towns.map((o) => o.name).sort()).toEqual([
      '乌镇镇两新工委', '凤鸣街道两新工委', '大麻镇两新工委', '屠甸镇两新工委', '崇福镇两新工委', '梧桐街道两新工委',
      '河山镇两新工委', '洲泉镇两新工委', '濮院镇两新工委', '高桥街道两新工委', '龙翔街道两新工委',
    ].sort());
    const offices = await t.db.selectFrom('org').select('name').where('kind', '=', 'office').execute();
    expect(offices.map((o) => o.name).sort()).toEqual(['世界互联网大会承办工作委员会', '互联网经济发展办公室'].sort());
    const root = await t.db.selectFrom('org').select(['name', sql<string>`path::text`.as('path'), 'id']).where('parentId', 'is', null).execute();
    expect(root).toEqual([{ name: '桐乡市委两新工委', path: String(root[0].id), id: root[0].id }]);
  });

  it('returns the demo logins, which match the list printed on later starts', async () => {
    expect(logins.map((l) => l.username)).toEqual(['admin', 'city', 'wuzhen', 'puyuan', 'secretary', 'member', 'dept', 'cadre']);
    expect(logins).toEqual(DEMO_LOGINS);
    const linked = await t.db.selectFrom('appUser as u').innerJoin('member as m', 'm.id', 'u.memberId')
      .select(['u.username', 'u.mustChangePassword', 'm.orgId']).orderBy('u.username').execute();
    expect(linked.map((u) => u.username)).toEqual(['member', 'secretary']);
    expect(linked[0].orgId).toBe(linked[1].orgId);
    expect(linked.every((u) => !u.mustChangePassword)).toBe(true);
  });

  it('stores valid, encrypted ID numbers that decrypt, match their hash and mask, and are unique', async () => {
    const rows = await t.db.selectFrom('member').selectAll().execute();
    expect(rows.length).toBeGreaterThan(300);
    const seen = new Set<string>();
    for (const r of rows) {
      const id = cipher.decrypt(r.idNumberCipher);
      const checked = validateIdNumber(id, TODAY);
      expect(checked).toMatchObject({ ok: true, birthDate: r.birthDate, gender: r.gender });
      expect(cipher.hash(id).equals(r.idNumberHash)).toBe(true);
      expect(r.idNumberMasked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
      const phone = r.phoneCipher ? cipher.decrypt(r.phoneCipher) : null;
      // The same rules a form entry or an import row must pass (dates in order, 18 at application, …).
      // The member table's check constraints hold category and key positions to the enums.
      const entry = checkMember({
        name: r.name, idNumber: id, phone, category: r.category as MemberCategory, keyPositions: r.keyPositions as KeyPosition[],
        appliedOn: r.appliedOn, activistOn: r.activistOn, candidateOn: r.candidateOn, joinedOn: r.joinedOn, confirmedOn: r.confirmedOn,
      }, TODAY);
      expect(entry.ok ? [] : entry.issues).toEqual([]);
      seen.add(id);
    }
    expect(seen.size).toBe(rows.length);
    const usccs = await t.db.selectFrom('enterprise').select('uscc').execute();
    expect(usccs.every((e) => validateUscc(e.uscc).ok)).toBe(true);
  });

  it('has a joint branch over four units, one over six, and fallback branches', async () => {
    const joints = await t.db.selectFrom('org as o').innerJoin('orgEnterprise as oe', 'oe.orgId', 'o.id')
      .select(['o.name', sql<number>`count(*)::int`.as('units')]).where('o.kind', '=', 'jointBranch').groupBy('o.name').orderBy('units').execute();
    expect(joints).toEqual([{ name: '乌镇互联网业联合党支部', units: 4 }, { name: '濮院镇网商联合党支部', units: 6 }]);
    const fallback = await t.db.selectFrom('org').select('name').where('name', 'like', '%兜底党支部').execute();
    expect(fallback.map((o) => o.name)).toContain('乌镇镇互联网业兜底党支部');
  });

  it('shows every structure warning at least once (the demo fixtures)', async () => {
    const rows = await createOrgRepository(t.db).structureInputs(sql`true`);
    const fired = new Map<string, string[]>();
    for (const r of rows) {
      const warnings = structureWarnings({
        kind: r.kind as OrgKind, // the database checks the kind against the same list
        fullMemberCount: r.fullMemberCount,
        memberCount: r.memberCount,
        hasCommittee: r.postCount >= 3,
        linkedUnitCount: r.linkedUnitCount,
        termDueOn: r.termDue,
        secretaryStandingYears: r.hasSecretary ? partyStandingYears({ joinedOn: r.secretaryJoinedOn, confirmedOn: r.secretaryConfirmedOn }, TODAY) : null,
        abolished: false,
      }, TODAY);
      for (const w of warnings) fired.set(w.code, [...(fired.get(w.code) ?? []), r.name]);
    }
    expect(fired.get('tooFewFullMembers')).toEqual(['桐乡凤鸣社交网络科技有限公司党支部']);
    expect(fired.get('committeeRequired')).toEqual(['桐乡市濮院毛衫直播电商有限公司党支部']);
    expect(fired.get('tooManyMembers')).toEqual(['浙江乌镇数智云计算有限公司研发中心党支部']);
    expect(fired.get('jointBranchTooManyUnits')).toEqual(['濮院镇网商联合党支部']);
    expect(fired.get('termOverdue')).toEqual(['桐乡市鸣翠直播科技有限公司党支部']);
    expect(fired.get('termDueSoon')).toEqual(['桐乡市翔云网络安全技术有限公司党支部']);
    expect(fired.get('secretaryStandingShort')).toEqual(['乌镇智汇互联科技有限公司党支部']);
    expect(fired.get('noSecretary')).toBeUndefined();
  });

  it('refuses a database that already has data', async () => {
    await expect(seedDemo(t.db, cipher, { today: TODAY })).rejects.toThrow('database already has data');
    await expect(seedScale(t.db, cipher, 'city')).rejects.toThrow('database already has data');
  });

  it('is reproducible: the same people on a second database', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.db, cipher, { today: TODAY });
      const names = (db: TestDatabase['db']) => db.selectFrom('member').select(['name', 'idNumberHash', 'joinedOn']).orderBy('id').execute();
      expect(await names(other.db)).toEqual(await names(t.db));
    } finally {
      await other.drop();
    }
  });
});

describe('scale plan', () => {
  it('plans a city of 11 towns, ~5,000 enterprises, ~1,500 organisations and ~40,000 members', () => {
    const plan = planScale(new Random(1), TODAY, 1);
    const members = plan.orgs.reduce((n, o) => n + o.members, 0);
    expect(plan.orgs.filter((o) => o.isTown)).toHaveLength(11);
    expect(plan.enterprises).toHaveLength(5000);
    expect(plan.orgs.length).toBeGreaterThan(1400);
    expect(plan.orgs.length).toBeLessThan(1600);
    expect(Math.abs(members - 40000)).toBeLessThan(400);
    expect(new Set(plan.orgs.map((o) => o.code)).size).toBe(plan.orgs.length);
    expect(new Set(plan.enterprises.map((e) => e.uscc)).size).toBe(5000);
    expect(plan.enterprises.every((e) => validateUscc(e.uscc).ok)).toBe(true);
  });
});
