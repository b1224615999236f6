import type { Queryable } from '../db/database';

/**
 * A deployment's setting, or the default when none is stored. Defaults live next to their
 * legal basis in @hongyun/shared (settings.ts, orglife.ts); the `setting` table holds only
 * what a deployment changed.
 */
export async function settingValue<T>(db: Queryable, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : fallback;
}

/** A numeric setting; a stored value that is not a finite number falls back to the default. */
export async function settingNumber(db: Queryable, key: string, fallback: number): Promise<number> {
  const v = await settingValue<unknown>(db, key, fallback);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
