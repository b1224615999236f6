// Values read from the database on nearly every request (a session, an organisation's path)
// are kept in memory for a few seconds. Two things matter under load:
// - When an entry runs out, every request arriving during its reload would wait for it, and
//   each would send its own query. So a key has at most one load under way, which everyone
//   asking meanwhile shares, and an entry in steady use is reloaded in the background before
//   it runs out, while it still answers.
// - A change committed in this process must be seen at once: `forget` drops the entries, and a
//   load begun before it is not kept, since it may have read the old state.

export interface KeptValuesOptions<V> {
  /** An entry older than this is not used: the next request waits for a load. */
  keepMs: number;
  /** An entry at least this old still answers, and is reloaded in the background. */
  reloadAfterMs: number;
  /** Past this many entries all are dropped (the keys come from requests). */
  maxEntries: number;
  /** Whether a kept value may still answer at `now`, besides its age (e.g. an expiry). */
  usable?: (value: V, now: number) => boolean;
}

export interface KeptValues<V> {
  /** The kept value of `key`, or the one `load` reads; `undefined` (not found) is not kept. */
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  /** Call after the change is committed, so that a load begun later reads it. */
  forget(which: (key: string, value: V) => boolean): void;
}

export function createKeptValues<V>(options: KeptValuesOptions<V>): KeptValues<V> {
  const { keepMs, reloadAfterMs, maxEntries, usable } = options;
  const entries = new Map<string, { value: V; loadedAt: number }>();
  const loading = new Map<string, Promise<V | undefined>>();
  /** Raised by every `forget`: a load begun before it is not kept. */
  let generation = 0;

  function reload(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const pending = loading.get(key);
    if (pending) return pending;
    const begun = { at: Date.now(), generation };
    const loaded = load()
      .then((value) => {
        if (begun.generation === generation) {
          if (value === undefined) entries.delete(key);
          else {
            if (entries.size >= maxEntries) entries.clear();
            entries.set(key, { value, loadedAt: begun.at });
          }
        }
        return value;
      })
      .finally(() => {
        if (loading.get(key) === loaded) loading.delete(key);
      });
    loading.set(key, loaded);
    return loaded;
  }

  return {
    get(key, load) {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.loadedAt < keepMs && (!usable || usable(hit.value, now))) {
        // A failed background reload shows once the entry runs out and the next load fails.
        if (now - hit.loadedAt >= reloadAfterMs) reload(key, load).catch(() => undefined);
        return Promise.resolve(hit.value);
      }
      return reload(key, load);
    },
    forget(which) {
      generation++;
      loading.clear();
      for (const [key, entry] of entries) if (which(key, entry.value)) entries.delete(key);
    },
  };
}
