// Values read from the database on nearly every request (a session, an organisation's path)
// are kept in memory for a few seconds. Two things matter under load:
// - When an entry runs out, every request arriving during its reload would wait for it, and
//   each would send its own query. So the requests that need a value nobody has loaded share
//   one load, and an entry in steady use is reloaded in the background before it runs out,
//   while it still answers.
// - A change committed in this process must be seen at once: `forget` drops the entries, and a
//   load begun before it is not kept, since it may have read the old state.

export interface KeptValuesOptions<V> {
  /** An entry older than this is not used: the next request waits for a load. */
  keepMs: number;
  /** An entry at least this old still answers, and is reloaded in the background. */
  reloadAfterMs: number;
  /** At this many entries, those that can no longer answer are dropped, then all if still full (the keys come from requests). */
  maxEntries: number;
  /** Whether a kept value may still answer at `now`, besides its age (e.g. an expiry). */
  usable?: (value: V, now: number) => boolean;
  /** Values that depend on the organisation tree: all forgotten by `forgetWhatFollowsTheTree`. */
  followsTree?: boolean;
}

export interface KeptValues<V> {
  /** The kept value of `key`, or the one `load` reads; `undefined` (not found) is not kept. */
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  /** Call after the change is committed, so that a load begun later reads it. */
  forget(which: (key: string, value: V) => boolean): void;
}

let treeChanges = 0;

/**
 * Call after a change of the organisation tree is committed (a subtree moved, an organisation
 * abolished): every value kept with `followsTree` is read again, and no load begun before is kept.
 */
export function forgetWhatFollowsTheTree(): void {
  treeChanges++;
}

export function createKeptValues<V>(options: KeptValuesOptions<V>): KeptValues<V> {
  const { keepMs, reloadAfterMs, maxEntries, usable, followsTree } = options;
  let treeSeen = treeChanges;
  const entries = new Map<string, { value: V; loadedAt: number }>();
  const loading = new Map<string, Promise<V | undefined>>();
  // Each `forget` is numbered and remembered while a load begun before it is under way: such a
  // load's value is not kept if the forgetting covers it. Loads of other keys are kept.
  let forgets = 0;
  let rules: { seq: number; which: (key: string, value: V) => boolean }[] = [];
  const underWay = new Set<{ at: number; since: number }>(); // each load's start and forget number

  const usableAt = (entry: { value: V; loadedAt: number }, now: number) => now - entry.loadedAt < keepMs && (!usable || usable(entry.value, now));

  function keep(key: string, value: V, loadedAt: number): void {
    const current = entries.get(key);
    if (current && current.loadedAt > loadedAt) return; // a later load finished first
    if (!entries.has(key) && entries.size >= maxEntries) {
      const now = Date.now();
      for (const [k, entry] of entries) if (!usableAt(entry, now)) entries.delete(k);
      if (entries.size >= maxEntries) entries.clear();
    }
    entries.set(key, { value, loadedAt });
  }

  /** Forgets older than every load under way cover nothing any more. */
  function trimRules(): void {
    if (rules.length === 0) return;
    let oldest = forgets;
    for (const load of underWay) oldest = Math.min(oldest, load.since);
    if (rules[0].seq <= oldest) rules = rules.filter((r) => r.seq > oldest);
  }

  function reload(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const pending = loading.get(key);
    if (pending) return pending;
    const begun = { at: Date.now(), since: forgets };
    underWay.add(begun);
    const loaded = new Promise<V | undefined>((resolve) => resolve(load()))
      .then((value) => {
        if (value === undefined) entries.delete(key);
        else if (!rules.some((r) => r.seq > begun.since && r.which(key, value))) keep(key, value, begun.at);
        return value;
      })
      .finally(() => {
        underWay.delete(begun);
        trimRules();
        if (loading.get(key) === loaded) loading.delete(key);
      });
    loading.set(key, loaded);
    return loaded;
  }

  function forget(which: (key: string, value: V) => boolean): void {
    forgets++;
    if (underWay.size) rules.push({ seq: forgets, which });
    // A request after the change must not join a load begun before it, whose value is not
    // known yet: it starts its own.
    loading.clear();
    for (const [key, entry] of entries) if (which(key, entry.value)) entries.delete(key);
  }

  return {
    get(key, load) {
      if (followsTree && treeSeen !== treeChanges) {
        treeSeen = treeChanges;
        forget(() => true);
      }
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && usableAt(hit, now)) {
        // A failed background reload shows once the entry runs out and the next load fails.
        if (now - hit.loadedAt >= reloadAfterMs) reload(key, load).catch(() => undefined);
        return Promise.resolve(hit.value);
      }
      return reload(key, load);
    },
    forget,
  };
}

/**
 * A loader for many keys at once: the keys asked for in one turn of the event loop go to
 * `loadMany` together, one query instead of one each. When many people arrive at once (a
 * contest starting, a meeting's sign-in) or a page needs several values, they share it.
 * `loadMany` answers the keys it found; the others resolve to `undefined`.
 */
export function loadTogether<V>(loadMany: (keys: string[]) => Promise<Map<string, V>>): (key: string) => Promise<V | undefined> {
  let batch: Map<string, { settle: ((value: V | undefined) => void)[]; fail: ((error: unknown) => void)[] }> | null = null;
  return (key) => {
    if (!batch) {
      const asked = (batch = new Map());
      setImmediate(() => {
        batch = null;
        loadMany([...asked.keys()]).then(
          (found) => { for (const [k, w] of asked) for (const settle of w.settle) settle(found.get(k)); },
          (error: unknown) => { for (const w of asked.values()) for (const fail of w.fail) fail(error); },
        );
      });
    }
    let waiters = batch.get(key);
    if (!waiters) batch.set(key, (waiters = { settle: [], fail: [] }));
    const w = waiters;
    return new Promise((resolve, reject) => { w.settle.push(resolve); w.fail.push(reject); });
  };
}
