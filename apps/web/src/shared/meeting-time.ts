// Meeting times are instants; people read them as Beijing wall-clock time wherever the
// browser is. These helpers turn one into the other without a time-zone library.
import { formatDateTime } from './format';

const ZONE = 'Asia/Shanghai';

/** '2026-11-20T06:00:00Z' → '2026-11-20 14:00' (Beijing time). */
export const shanghaiWallClock = formatDateTime;

/** A Beijing wall-clock 'YYYY-MM-DD HH:mm' → the ISO instant the API takes ('…T14:00:00+08:00'). */
export function shanghaiIso(wallClock: string): string {
  return `${wallClock.replace(' ', 'T')}:00+08:00`;
}

/** '2026-11-20 14:00–16:00', or both full times when the meeting runs past midnight. */
export function formatMeetingRange(startsAt: string, endsAt: string): string {
  const start = formatDateTime(startsAt);
  const end = formatDateTime(endsAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}

/** For the phone: '11月20日 周五 14:00–16:00' (the year only when it is not this year). */
export function formatMeetingDay(startsAt: string, endsAt: string, language: string): string {
  const start = new Date(startsAt);
  const thisYear = new Intl.DateTimeFormat('en', { timeZone: ZONE, year: 'numeric' }).format(new Date());
  const year = new Intl.DateTimeFormat('en', { timeZone: ZONE, year: 'numeric' }).format(start);
  const day = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: ZONE, month: language === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short', year: year === thisYear ? undefined : 'numeric',
  }).format(start);
  return `${day} ${formatDateTime(startsAt).slice(11)}–${formatDateTime(endsAt).slice(11)}`;
}

/** Whether an instant lies before now. */
export function isPast(instant: string): boolean {
  return new Date(instant).getTime() < Date.now();
}
