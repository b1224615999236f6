import type { Role } from '@hongyun/shared';
import { login, type Session, type TestApp } from './app';

// The access matrix's shared parts (apps/server/src/access-matrix.test.ts): roles, the
// fixtures every entry builds on, and helpers. Each module lists its routes' entries in a
// `<module>.matrix.ts` next to its routes; the test merges them all and fails on any
// registered route without an entry.

export type Target = 'in' | 'out';
export interface Call {
  method: string;
  url: string;
  body?: unknown;
  /** A raw body with its own headers (multipart uploads). */
  raw?: { payload: Buffer; headers: Record<string, string> };
  /** A fresh session to use instead of the role's (for logout). */
  session?: Session;
}
export interface Entry {
  /** Builds the request against an inside or outside target (may create fresh data). */
  call(target: Target, role: Role): Promise<Call>;
  /** Success status when allowed and inside. */
  ok: number;
  /** Per-role expected statuses overriding the permission rule: [inside, outside]. */
  override?: Partial<Record<Role, [number, number]>>;
  /** Routes whose result does not depend on an organisation: outside = inside. */
  unscoped?: boolean;
}
export type MatrixPart = Record<string, Entry>;

export const ROLES: Role[] = ['sysadmin', 'cityAdmin', 'townCoordinator', 'orgAdmin', 'member', 'department', 'cadre'];

/**
 * "Inside" targets live under unit A of city 矩阵市, which every role's grant covers (the
 * department user works for department A of that city; the cadre is granted town A);
 * "outside" targets live in another city that no role here holds.
 */
async function fixtures(t: TestApp, sessions: Map<Role, Session>) {
  const g = t.given;
  const city = await g.org({ kind: 'workCommittee', name: '矩阵市' });
  const townA = await g.org({ parentId: city.id, kind: 'workCommittee', name: '矩阵甲镇', isTown: true });
  const unitA = await g.org({ parentId: townA.id, kind: 'generalBranch', name: '甲总支' });
  const branchA = await g.org({ parentId: unitA.id, kind: 'branch', name: '甲支部' });
  const otherCity = await g.org({ kind: 'workCommittee', name: '他市' });
  const townX = await g.org({ parentId: otherCity.id, kind: 'workCommittee', name: '他市某镇', isTown: true });
  const unitX = await g.org({ parentId: townX.id, kind: 'generalBranch', name: '他市总支' });
  const branchX = await g.org({ parentId: unitX.id, kind: 'branch', name: '他市支部' });
  const me = await g.member({ orgId: branchA.id, name: '矩阵党员' });
  const memberA = await g.member({ orgId: branchA.id });
  const memberX = await g.member({ orgId: branchX.id });
  const department = (orgId: number, name: string) => t.db.insertInto('department').values({ orgId, name }).returning('id').executeTakeFirstOrThrow();
  const departmentA = await department(city.id, '矩阵市经信委');
  const departmentX = await department(otherCity.id, '他市经信委');
  const grantAt: Record<Role, number> = {
    sysadmin: city.id, cityAdmin: city.id, townCoordinator: townA.id, orgAdmin: unitA.id, member: branchA.id, department: city.id, cadre: townA.id,
  };
  const users = {} as Record<Role, number>;
  for (const role of ROLES) {
    const u = await g.user([{ role, orgId: grantAt[role], departmentId: role === 'department' ? departmentA.id : undefined }], { memberId: role === 'member' ? me.id : undefined });
    users[role] = u.id;
    sessions.set(role, await login(t.app, u.username));
  }
  return { city, townA, unitA, branchA, otherCity, townX, unitX, branchX, memberA, memberX, me, departmentA, departmentX, users };
}
export type Fixtures = Awaited<ReturnType<typeof fixtures>>;

/** Filled before any entry's call runs (the test's beforeAll). */
export const m = {} as { t: TestApp; f: Fixtures; sessions: Map<Role, Session> };

export async function setUpMatrix(t: TestApp): Promise<void> {
  m.t = t;
  m.sessions = new Map();
  m.f = await fixtures(t, m.sessions);
}

let counter = 0;
/** A number no other call in this run used (unique codes and names). */
export const next = () => ++counter;

export const pick = <T,>(target: Target, a: T, x: T) => (target === 'in' ? a : x);

/** Fresh objects for writes, so every role's request meets the same state. */
export const fresh = {
  branch: async (target: Target) => m.t.given.org({ parentId: target === 'in' ? m.f.unitA.id : m.f.unitX.id, kind: 'branch' }),
  general: async (target: Target) => m.t.given.org({ parentId: target === 'in' ? m.f.unitA.id : m.f.unitX.id, kind: 'generalBranch' }),
  member: async (target: Target) => m.t.given.member({ orgId: target === 'in' ? m.f.branchA.id : m.f.branchX.id }),
  version: async (orgId: number) => (await m.t.db.selectFrom('org').select('version').where('id', '=', orgId).executeTakeFirstOrThrow()).version,
  memberUser: async (target: Target) => {
    const member = await fresh.member(target);
    const org = target === 'in' ? m.f.branchA.id : m.f.branchX.id;
    return m.t.given.user([{ role: 'member', orgId: org }], { memberId: member.id });
  },
};

/** A multipart/form-data body with fields and one file, as a browser sends it. */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type?: string }) {
  const boundary = `----hongyun${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const type = file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
