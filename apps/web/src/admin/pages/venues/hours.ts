import type { OpeningSlot } from './api';

/** Weekday 1 = Monday … 7 = Sunday, as the server stores opening hours. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Opening hours in a line: days with the same slots are joined ('周一至周五 08:30—17:30；周六
 * 09:00—12:00'). `dayName` gives the localised weekday name; `range` joins the first and last.
 */
export function hoursSummary(slots: readonly OpeningSlot[], dayName: (d: number) => string, range: (a: string, b: string) => string): string {
  const byDay = new Map<number, string>();
  for (const d of WEEKDAYS) {
    const text = slots.filter((s) => s.weekday === d).sort((a, b) => a.opens.localeCompare(b.opens)).map((s) => `${s.opens}—${s.closes}`).join('、');
    if (text) byDay.set(d, text);
  }
  const parts: string[] = [];
  let start: number | null = null;
  for (let d = 1; d <= 8; d++) {
    const same = start !== null && d <= 7 && byDay.get(d) === byDay.get(start) && byDay.has(d);
    if (same) continue;
    if (start !== null) {
      const end = d - 1;
      parts.push(`${end === start ? dayName(start) : range(dayName(start), dayName(end))} ${byDay.get(start)}`);
    }
    start = d <= 7 && byDay.has(d) ? d : null;
  }
  return parts.join('；');
}
