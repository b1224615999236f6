import { z } from 'zod';
import { VENUE_KINDS } from '@hongyun/shared';

const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（如 08:30）');

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });

/** One opening slot on a weekday (1 = Monday … 7 = Sunday), in Shanghai wall-clock time. */
export const OpeningHoursEntry = z.strictObject({
  weekday: z.number().int().min(1, '星期应为 1（周一）到 7（周日）').max(7, '星期应为 1（周一）到 7（周日）'),
  opens: time,
  closes: time,
});

const openingHours = z
  .array(OpeningHoursEntry)
  .max(21, '每周最多填写 21 个开放时段')
  .superRefine((slots, ctx) => {
    slots.forEach((s, i) => {
      if (s.opens >= s.closes) ctx.addIssue({ code: 'custom', path: [i, 'closes'], message: '结束时间应晚于开始时间' });
      const clash = slots.findIndex((o, j) => j < i && o.weekday === s.weekday && o.opens < s.closes && s.opens < o.closes);
      if (clash >= 0) ctx.addIssue({ code: 'custom', path: [i, 'opens'], message: '同一天的开放时段不能重叠' });
    });
  });

export const VenueView = z.object({
  id: z.number().int(),
  kind: z.enum(VENUE_KINDS),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  address: z.string(),
  capacity: z.number().int(),
  openingHours: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  note: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  /** Live bookings from now on. */
  upcomingBookings: z.number().int(),
  /** What the caller may do (venue.manage over the owning organisation). */
  abilities: z.object({ edit: z.boolean() }),
});
export type VenueViewT = z.infer<typeof VenueView>;

export const VenueListQuery = z.object({
  /** Only venues owned by this town (or the city). */
  orgId: z.coerce.number().int().positive().optional(),
  kind: z.enum(VENUE_KINDS).optional(),
  q: z.string().trim().max(60).optional(),
  includeClosed: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type VenueListInput = z.infer<typeof VenueListQuery>;
export const VenueList = z.object({ items: z.array(VenueView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const venueFields = {
  kind: z.enum(VENUE_KINDS, { error: '请选择阵地类型' }),
  name: trimmed(60).min(1, '请填写阵地名称'),
  /** The town (or the city) that runs the venue. */
  orgId: z.number().int().positive(),
  address: trimmed(200).min(1, '请填写地址'),
  capacity: z.number({ error: '请填写可容纳人数' }).int('可容纳人数应为整数').min(1, '可容纳人数至少为 1').max(10000, '可容纳人数不能超过 10000'),
  openingHours,
  contactName: trimmed(50).nullable().optional(),
  contactPhone: trimmed(30).nullable().optional(),
  note: trimmed(500).nullable().optional(),
};

export const CreateVenueBody = z.strictObject(venueFields);
export type CreateVenueInput = z.infer<typeof CreateVenueBody>;

export const UpdateVenueBody = z.strictObject({ ...venueFields, version: z.number().int() });
export type UpdateVenueInput = z.infer<typeof UpdateVenueBody>;

export const VersionBody = z.strictObject({ version: z.number().int() });

export const BookingQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
});

/** A booking as the calendar shows it: whose meeting and when, no personal data. */
export const BookingView = z.object({
  title: z.string(),
  orgName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** The meeting's id when the caller may open it (meeting.read over its organisation). */
  meetingId: z.number().int().nullable(),
});
export const BookingList = z.object({
  venue: z.object({ id: z.number().int(), name: z.string(), closedAt: z.string().nullable(), openingHours: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })) }),
  from: z.string(),
  to: z.string(),
  items: z.array(BookingView),
});
