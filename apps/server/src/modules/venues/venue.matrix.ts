import { sql } from 'kysely';
import { addDays, todayInShanghai, type Role } from '@hongyun/shared';
import { m, next, pick, ROLES, type Entry, type MatrixPart, type Target } from '../../test/matrix';

/** A fresh venue of town A (inside) or the other city's town (outside). */
async function venue(target: Target, closed = false) {
  const town = pick(target, m.f.townA, m.f.townX);
  const row = await m.t.db.insertInto('venue').values({
    orgId: town.id, orgPath: town.path, kind: 'station', name: `矩阵驿站${next()}`, address: '矩阵路1号', capacity: 30,
    openingHours: sql`'[]'::jsonb` as never, closedAt: closed ? new Date() : null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Venues are seen by planners (meeting.write) and venue managers of the same city; the
 * routes are 'authenticated' and the service decides: others are refused (403), another
 * city's venue is not found (404).
 */
const SEEN: Entry['override'] = Object.fromEntries(ROLES.map((r): [Role, [number, number]] => [r, ['member', 'department', 'cadre'].includes(r) ? [403, 403] : [200, 404]]));
const LISTED: Entry['override'] = { member: [403, 403], department: [403, 403], cadre: [403, 403] };

const body = (target: Target) => ({
  kind: 'serviceCenter', name: `矩阵党群服务中心${next()}`, orgId: pick(target, m.f.townA.id, m.f.townX.id), address: '矩阵大道8号', capacity: 80,
  openingHours: [{ weekday: 1, opens: '08:30', closes: '17:00' }],
});

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const venueMatrix: MatrixPart = {
  'GET /api/venues': { ok: 200, unscoped: true, override: LISTED, call: async () => ({ method: 'GET', url: '/api/venues' }) },
  'GET /api/venues/:id': { ok: 200, override: SEEN, call: async (tg) => ({ method: 'GET', url: `/api/venues/${await venue(tg)}` }) },
  'GET /api/venues/:id/bookings': {
    ok: 200, override: SEEN,
    call: async (tg) => {
      const today = todayInShanghai();
      return { method: 'GET', url: `/api/venues/${await venue(tg)}/bookings?from=${today}&to=${addDays(today, 6)}` };
    },
  },
  'POST /api/venues': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/venues', body: body(tg) }) },
  'PUT /api/venues/:id': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/venues/${await venue(tg)}`, body: { ...body(tg), version: 1 } }) },
  'POST /api/venues/:id/close': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/venues/${await venue(tg)}/close`, body: { version: 1 } }) },
  'POST /api/venues/:id/reopen': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/venues/${await venue(tg, true)}/reopen`, body: { version: 1 } }) },
};
