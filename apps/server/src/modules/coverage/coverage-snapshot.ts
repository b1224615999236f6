import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { forgetTrendCache, monthBefore, monthInShanghai } from './coverage.service';

const HOUR_MS = 3600_000;

/**
 * Writes the previous month's copy of the kept cells (coverage_snapshot) unless that month
 * already has one; returns the rows written (0 when it existed). Taken at serve start and
 * hourly, so the copy is the month-end state when the server runs through the month's turn,
 * and the state at the next start otherwise. Safe to call from several processes at once.
 */
export async function takeCoverageSnapshots(db: Database, now: Date = new Date()): Promise<number> {
  const month = `${monthBefore(monthInShanghai(now), 1)}-01`;
  const written = await db.transaction().execute(async (tx) => {
    // One writer at a time: a second process waits, then sees the month taken.
    await sql`select pg_advisory_xact_lock(hashtext('coverage_snapshot'))`.execute(tx);
    const result = await sql`
      insert into coverage_snapshot (month, town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n)
      select ${month}::date, town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n
      from coverage_count
      where n <> 0 and not exists (select 1 from coverage_snapshot where month = ${month}::date)
      on conflict do nothing`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
  if (written > 0) forgetTrendCache();
  return written;
}

/** Takes the snapshot now and then every hour; returns a function that stops the timer. */
export function scheduleCoverageSnapshots(db: Database, log: (message: string) => void = console.error): () => void {
  const run = () => takeCoverageSnapshots(db).catch((error: unknown) => log(`覆盖率月度快照失败 / coverage snapshot failed: ${error instanceof Error ? error.message : String(error)}`));
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
