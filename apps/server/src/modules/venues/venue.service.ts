import { addDays, daysBetween, isValidDate, shanghaiInstant, type VenueKind } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { createVenueRepository, type VenueRepository, type VenueRow } from './venue.repository';
import type { CreateVenueInput, UpdateVenueInput, VenueListInput, VenueViewT } from './venue.schemas';

/** The longest calendar range one request may ask for. */
const MAX_CALENDAR_DAYS = 62;

/**
 * Venues are shared across a city: whoever plans meetings (meeting.write) or runs venues
 * (venue.manage) anywhere in a city sees all of that city's venues. The city (deployment) is
 * the first label of an organisation's path. Forbidden for everyone else.
 */
export function venueRoots(access: Access): string[] {
  const roots = new Set([...access.paths('meeting.write'), ...access.paths('venue.manage')].map((p) => p.split('.')[0]));
  if (roots.size === 0) throw new Forbidden();
  return [...roots];
}

function sameDeployment(roots: string[], path: string): boolean {
  return roots.includes(path.split('.')[0]);
}

function toView(access: Access, v: VenueRow): VenueViewT {
  return {
    id: v.id, kind: v.kind as VenueKind, name: v.name, orgId: v.orgId, orgName: v.orgName, address: v.address, capacity: v.capacity,
    openingHours: [...v.openingHours].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)),
    contactName: v.contactName, contactPhone: v.contactPhone, note: v.note, closedAt: v.closedAt?.toISOString() ?? null, version: v.version,
    upcomingBookings: v.upcomingBookings, abilities: { edit: access.inScope('venue.manage', v.orgPath) },
  };
}

const snapshot = (v: { kind: string; name: string; orgId: number; address: string; capacity: number; openingHours: unknown; contactName: string | null; contactPhone: string | null; note: string | null }) => ({
  kind: v.kind, name: v.name, orgId: v.orgId, address: v.address, capacity: v.capacity, openingHours: v.openingHours, contactName: v.contactName, contactPhone: v.contactPhone, note: v.note,
});

export function createVenueService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createVenueRepository(db);

  /** The owning organisation: a town or the city, in the caller's venue.manage scope. */
  async function owner(r: VenueRepository, access: Access, orgId: number) {
    const org = await r.org(orgId);
    if (!org) throw new NotFound();
    access.assertInScope('venue.manage', org.path);
    if (!org.isTown && org.parentId !== null) invalidField('orgId', '阵地应归属于镇（街道）两新工委或市两新工委，请选择镇或市');
    if (org.abolishedOn) invalidField('orgId', '该组织已撤销，不能再登记阵地');
    return org;
  }

  async function assertNameFree(r: VenueRepository, orgId: number, name: string, exceptId?: number) {
    if (await r.nameTaken(orgId, name, exceptId)) invalidField('name', `本组织已有名为“${name}”的阵地，请换一个名称`);
  }

  async function loadVisible(access: Access, id: number) {
    const v = await repo.getById(id);
    if (!v || !sameDeployment(venueRoots(access), v.orgPath)) throw new NotFound();
    return v;
  }

  /** Locks a venue the caller manages at the expected version. */
  async function lockManaged(r: VenueRepository, access: Access, id: number, version: number) {
    const v = await r.lock(id);
    if (!v || !access.inScope('venue.manage', v.orgPath)) throw new NotFound();
    if (v.version !== version) throw new Conflict('STALE_VERSION', '该阵地刚被其他人修改过，请刷新后再操作');
    return v;
  }

  return {
    /** The city's venues the caller may book or manage; open ones unless includeClosed. */
    async list(access: Access, q: VenueListInput) {
      const page = await repo.list({ roots: venueRoots(access), orgId: q.orgId, kind: q.kind, q: q.q, includeClosed: q.includeClosed === 'true', page: q.page, pageSize: q.pageSize });
      return { items: page.items.map((v) => toView(access, v)), total: page.total, page: q.page, pageSize: q.pageSize };
    },

    async get(access: Access, id: number): Promise<VenueViewT> {
      return toView(access, await loadVisible(access, id));
    },

    /** Registers a venue of a town or the city. Invalid when the owner or name is not acceptable. */
    async create(access: Access, input: CreateVenueInput): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const r = createVenueRepository(tx);
        const org = await owner(r, access, input.orgId);
        await assertNameFree(r, org.id, input.name);
        const values = {
          kind: input.kind, name: input.name, orgId: org.id, orgPath: org.path, address: input.address, capacity: input.capacity, openingHours: input.openingHours,
          contactName: input.contactName || null, contactPhone: input.contactPhone || null, note: input.note || null,
        };
        const { id } = await r.insert(values);
        await audit(tx, access.actor, { action: 'venue.create', targetType: 'venue', targetId: id, orgPath: org.path, after: snapshot(values) });
        return id;
      });
    },

    /** Edits a venue (version-checked); existing bookings stay as they are. */
    async update(access: Access, id: number, input: UpdateVenueInput): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const r = createVenueRepository(tx);
        await lockManaged(r, access, id, input.version);
        const before = (await r.getById(id))!;
        const org = before.orgId === input.orgId ? { id: before.orgId, path: before.orgPath } : await owner(r, access, input.orgId);
        await assertNameFree(r, org.id, input.name, id);
        const values = {
          kind: input.kind, name: input.name, orgId: org.id, orgPath: org.path, address: input.address, capacity: input.capacity, openingHours: input.openingHours,
          contactName: input.contactName || null, contactPhone: input.contactPhone || null, note: input.note || null,
        };
        if (!(await r.update(id, input.version, values))) throw new Conflict('STALE_VERSION', '该阵地刚被其他人修改过，请刷新后再操作');
        await audit(tx, access.actor, { action: 'venue.update', targetType: 'venue', targetId: id, orgPath: org.path, before: snapshot(before), after: snapshot(values) });
      });
    },

    /**
     * Stops (closed = true) or resumes taking bookings. Bookings already made stay valid: the
     * owners of those meetings are told by whoever closes the venue, the UI shows how many.
     */
    async setClosed(access: Access, id: number, version: number, closed: boolean): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const r = createVenueRepository(tx);
        const v = await lockManaged(r, access, id, version);
        if (closed && v.closedAt) throw new Conflict('VENUE_CLOSED', `“${v.name}”已停止开放`);
        if (!closed && !v.closedAt) throw new Conflict('VENUE_OPEN', `“${v.name}”正在开放，无需恢复`);
        await r.update(id, version, { closedAt: closed ? new Date() : null });
        await audit(tx, access.actor, { action: closed ? 'venue.close' : 'venue.reopen', targetType: 'venue', targetId: id, orgPath: v.orgPath, before: { closedAt: v.closedAt }, after: { closed } });
      });
    },

    /**
     * The venue's calendar from `from` to `to` (dates, inclusive, Asia/Shanghai): whose
     * meeting and when. A meeting's id only for callers who may read that meeting.
     */
    async bookings(access: Access, id: number, range: { from: string; to: string }) {
      if (!isValidDate(range.from)) invalidField('from', '开始日期不是有效日期');
      if (!isValidDate(range.to)) invalidField('to', '结束日期不是有效日期');
      const days = daysBetween(range.from, range.to);
      if (days < 0) invalidField('to', '结束日期不能早于开始日期');
      if (days >= MAX_CALENDAR_DAYS) invalidField('to', `一次最多查看 ${MAX_CALENDAR_DAYS} 天的预约`);
      const v = await loadVisible(access, id);
      const rows = await repo.bookings(id, shanghaiInstant(range.from), shanghaiInstant(addDays(range.to, 1)));
      return {
        venue: { id: v.id, name: v.name, closedAt: v.closedAt?.toISOString() ?? null, openingHours: toView(access, v).openingHours },
        from: range.from,
        to: range.to,
        items: rows.map((b) => ({
          title: b.title, orgName: b.orgName, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(),
          meetingId: access.inScope('meeting.read', b.orgPath) ? b.meetingId : null,
        })),
      };
    },
  };
}
