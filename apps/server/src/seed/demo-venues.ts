import { sql } from 'kysely';
import type { Tx } from '../db/database';
import type { OpeningHours } from '../db/types';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';

// The demo city's shared organisational-life bases (阵地): a 党群服务中心 in several towns,
// 党群驿站 in parks and neighbourhoods, and a 红创空间 run by the city. Names and addresses
// are invented; phones are office lines of the invented kind the other seeds use.

const weekdays = (opens: string, closes: string, days = [1, 2, 3, 4, 5]): OpeningHours[] => days.map((weekday) => ({ weekday, opens, closes }));
const split = (days: number[]): OpeningHours[] => days.flatMap((weekday) => [{ weekday, opens: '08:30', closes: '11:30' }, { weekday, opens: '13:30', closes: '17:30' }]);

const VENUES: { owner: string; kind: 'serviceCenter' | 'station' | 'redSpace' | 'other'; name: string; address: string; capacity: number; hours: OpeningHours[]; contactName: string; contactPhone: string; note?: string }[] = [
  { owner: 'TX', kind: 'redSpace', name: '桐乡市互联网业红创空间', address: '桐乡市梧桐街道庆丰中路88号数字经济大厦3楼', capacity: 60, hours: weekdays('09:00', '21:00', [1, 2, 3, 4, 5, 6]), contactName: '沈晓燕', contactPhone: '0573-88101001', note: '可预约路演厅、党课教室；晚间开放至21:00，方便企业党员下班后参加' },
  { owner: 'TX-WZ', kind: 'serviceCenter', name: '乌镇镇党群服务中心', address: '乌镇镇子夜路288号', capacity: 150, hours: weekdays('08:30', '17:30', [1, 2, 3, 4, 5, 6]), contactName: '钟丽华', contactPhone: '0573-88731101', note: '报告厅150座，另有两间30人会议室' },
  { owner: 'TX-WZ', kind: 'station', name: '乌镇互联网小镇党群驿站', address: '乌镇镇互联网小镇创新中心1楼', capacity: 30, hours: weekdays('09:00', '20:00', [1, 2, 3, 4, 5, 6, 7]), contactName: '陆嘉', contactPhone: '0573-88731102' },
  { owner: 'TX-PY', kind: 'serviceCenter', name: '濮院镇党群服务中心', address: '濮院镇永越路166号', capacity: 120, hours: split([1, 2, 3, 4, 5]), contactName: '沈建国', contactPhone: '0573-88791201', note: '中午11:30—13:30不开放' },
  { owner: 'TX-PY', kind: 'station', name: '濮院时尚电商产业园党群驿站', address: '濮院镇毛衫城电商产业园B座2楼', capacity: 40, hours: weekdays('09:00', '21:00', [1, 2, 3, 4, 5, 6, 7]), contactName: '朱敏', contactPhone: '0573-88791202', note: '直播电商企业集中，晚间活动较多' },
  { owner: 'TX-WT', kind: 'serviceCenter', name: '梧桐街道党群服务中心', address: '梧桐街道校场东路18号', capacity: 100, hours: weekdays('08:30', '17:30'), contactName: '吴海燕', contactPhone: '0573-88021301' },
  { owner: 'TX-FM', kind: 'serviceCenter', name: '凤鸣街道党群服务中心', address: '凤鸣街道环城南路56号', capacity: 80, hours: weekdays('08:30', '17:00'), contactName: '姚志强', contactPhone: '0573-88051401' },
  { owner: 'TX-CF', kind: 'station', name: '崇福镇创业园党群驿站', address: '崇福镇崇德路201号创业园', capacity: 25, hours: [], contactName: '徐立', contactPhone: '0573-88441501', note: '需提前电话预约开门' },
];

/** Adds the venues; accounts and meetings come from other areas. */
export async function seedVenuesDemo(tx: Tx, _context: AreaSeedContext): Promise<AreaSeedResult> {
  const orgs = await tx.selectFrom('org').select(['id', 'code', sql<string>`path::text`.as('path')]).where('code', 'in', [...new Set(VENUES.map((v) => v.owner))]).execute();
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const rows = VENUES.flatMap((v) => {
    const org = byCode.get(v.owner);
    if (!org) return [];
    return [{
      orgId: org.id, orgPath: org.path, kind: v.kind, name: v.name, address: v.address, capacity: v.capacity,
      openingHours: sql<OpeningHours[]>`${JSON.stringify(v.hours)}::jsonb`, contactName: v.contactName, contactPhone: v.contactPhone, note: v.note ?? null,
    }];
  });
  if (rows.length) await tx.insertInto('venue').values(rows).execute();
  return {};
}
