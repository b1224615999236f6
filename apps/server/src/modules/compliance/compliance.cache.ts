// A short-lived answer cache for rollups: viewers of the same city or town page share one
// computation, and every answer carries the moment it was computed (asOf). Compliance moves
// when minutes are confirmed, a few times a day per branch: a few seconds of delay is invisible.

interface Entry<T> {
  until: number;
  value: Promise<T>;
  refreshing: boolean;
}

/** How long an expired answer may still be served while its successor is computed. */
const MAX_STALE_MS = 30_000;
const MAX_ENTRIES = 500;

export function createAnswerCache<T>(ttlMs: number) {
  const entries = new Map<string, Entry<T>>();
  /**
   * The fresh answer for `key`, or a new computation that concurrent callers share. An answer
   * expired for less than MAX_STALE_MS is still returned while its successor is computed in
   * the background, so no viewer queues behind a recomputation; a failed one is never kept.
   */
  return function get(key: string, compute: () => Promise<T>): Promise<T> {
    if (ttlMs <= 0) return compute();
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && (hit.until > now || hit.refreshing)) return hit.value;
    const entry: Entry<T> = { until: now + ttlMs, value: compute(), refreshing: false };
    if (entries.size >= MAX_ENTRIES) entries.clear();
    if (hit && now - hit.until < MAX_STALE_MS) {
      hit.refreshing = true;
      entry.value.then(() => entries.set(key, entry), () => (hit.refreshing = false));
      return hit.value;
    }
    entries.set(key, entry);
    entry.value.catch(() => entries.delete(key));
    return entry.value;
  };
}
