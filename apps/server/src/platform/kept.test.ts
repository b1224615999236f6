import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeptValues, forgetWhatFollowsTheTree, loadTogether } from './kept';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A loader whose loads the test finishes by hand, counting them. */
function loader<V>() {
  const pending: ((value: V | undefined) => void)[] = [];
  const failing: ((error: Error) => void)[] = [];
  return {
    get count() {
      return pending.length;
    },
    load: () =>
      new Promise<V | undefined>((resolve, reject) => {
        pending.push(resolve);
        failing.push(reject);
      }),
    finish: (value: V | undefined, which = pending.length - 1) => pending[which](value),
    fail: (which = failing.length - 1) => failing[which](new Error('database gone')),
  };
}

afterEach(() => vi.useRealTimers());

describe('kept values', () => {
  it('loads a key once for everyone who asks while the load is under way', async () => {
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10 });
    const db = loader<string>();
    const asked = [kept.get('a', db.load), kept.get('a', db.load)];
    await turn();
    asked.push(kept.get('a', db.load));
    expect(db.count).toBe(1);
    db.finish('/1/');
    expect(await Promise.all(asked)).toEqual(['/1/', '/1/', '/1/']);
    expect(await kept.get('a', db.load)).toBe('/1/');
    expect(db.count).toBe(1);
  });

  it('answers from memory while an entry in use is reloaded, then answers with the reloaded value', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10 });
    const db = loader<string>();
    const first = kept.get('a', db.load);
    db.finish('old');
    await first;
    vi.setSystemTime(Date.now() + 3500);
    expect(await kept.get('a', db.load)).toBe('old');
    expect(await kept.get('a', db.load)).toBe('old');
    expect(db.count).toBe(2); // one reload for both
    db.finish('new');
    await turn();
    expect(await kept.get('a', db.load)).toBe('new');
    expect(db.count).toBe(2);
  });

  it('waits for a load once an entry is too old, or no longer usable', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const kept = createKeptValues<{ until: number }>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10, usable: (v, now) => v.until > now });
    const db = loader<{ until: number }>();
    const first = kept.get('a', db.load);
    db.finish({ until: Date.now() + 1000 });
    await first;
    vi.setSystemTime(Date.now() + 1500); // young, but past its own end
    const second = kept.get('a', db.load);
    expect(db.count).toBe(2);
    db.finish({ until: Date.now() + 60_000 });
    await second;
    vi.setSystemTime(Date.now() + 5000); // usable, but too old
    const third = kept.get('a', db.load);
    expect(db.count).toBe(3);
    db.finish({ until: Date.now() + 60_000 });
    expect(await third).toEqual({ until: expect.any(Number) });
  });

  it('keeps neither a failure nor "not found"', async () => {
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10 });
    const db = loader<string>();
    const failed = kept.get('a', db.load);
    db.fail();
    await expect(failed).rejects.toThrow('database gone');
    const missing = kept.get('a', db.load);
    db.finish(undefined);
    expect(await missing).toBeUndefined();
    void kept.get('a', db.load);
    expect(db.count).toBe(3);
  });

  it('forgets at once, and does not keep what a load begun before the forgetting read', async () => {
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10 });
    const db = loader<string>();
    const early = kept.get('a', db.load);
    kept.forget((key) => key === 'a');
    // A request after the change does not join the load begun before it.
    const late = kept.get('a', db.load);
    expect(db.count).toBe(2);
    db.finish('before the change', 0);
    db.finish('after the change', 1);
    expect(await early).toBe('before the change');
    expect(await late).toBe('after the change');
    expect(await kept.get('a', db.load)).toBe('after the change');
    expect(db.count).toBe(2);
  });

  it('keeps what loads of other keys read when one key is forgotten meanwhile', async () => {
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10 });
    const db = loader<string>();
    const a = kept.get('a', db.load);
    const b = kept.get('b', db.load);
    kept.forget((key) => key === 'a');
    db.finish('a read before', 0);
    db.finish('b read before', 1);
    await Promise.all([a, b]);
    expect(await kept.get('b', db.load)).toBe('b read before');
    expect(db.count).toBe(2);
    void kept.get('a', db.load);
    expect(db.count).toBe(3);
  });

  it('makes room by dropping entries that can no longer answer before dropping the rest', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 2 });
    await kept.get('old', async () => 'old');
    vi.setSystemTime(Date.now() + 4000);
    await kept.get('young', async () => 'young');
    vi.setSystemTime(Date.now() + 2000); // 'old' has run out, 'young' has not
    await kept.get('new', async () => 'new');
    expect(await kept.get('young', async () => 'loaded again')).toBe('young');
    // Full of usable entries: everything goes.
    await kept.get('newer', async () => 'newer');
    expect(await kept.get('young', async () => 'loaded again')).toBe('loaded again');
  });

  it('reads values that follow the tree again after the tree changes, and only those', async () => {
    const paths = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10, followsTree: true });
    const other = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 10 });
    const db = loader<string>();
    const kept = paths.get('7', db.load);
    db.finish('1.2.7');
    await kept;
    await other.get('x', async () => 'kept');
    const underWay = paths.get('8', db.load);
    forgetWhatFollowsTheTree(); // e.g. 7 and 8 moved
    db.finish('1.2.8');
    expect(await underWay).toBe('1.2.8');
    void paths.get('7', db.load);
    void paths.get('8', db.load);
    expect(db.count).toBe(4);
    expect(await other.get('x', async () => 'loaded again')).toBe('kept');
  });
});

describe('loading together', () => {
  it('sends the keys asked for in one turn as one load, and answers each with its own value', async () => {
    const batches: string[][] = [];
    const load = loadTogether(async (keys) => {
      batches.push(keys);
      return new Map(keys.filter((k) => k !== 'gone').map((k) => [k, k.toUpperCase()]));
    });
    const first = [load('a'), load('b'), load('a'), load('gone')];
    expect(await Promise.all(first)).toEqual(['A', 'B', 'A', undefined]);
    expect(await load('c')).toBe('C');
    expect(batches).toEqual([['a', 'b', 'gone'], ['c']]);
  });

  it('fails every request of a failed load, and the next turn loads again', async () => {
    let fail = true;
    const load = loadTogether(async (keys) => {
      if (fail) throw new Error('database gone');
      return new Map(keys.map((k) => [k, k]));
    });
    const asked = [load('a'), load('b')];
    await expect(asked[0]).rejects.toThrow('database gone');
    await expect(asked[1]).rejects.toThrow('database gone');
    fail = false;
    expect(await load('a')).toBe('a');
  });
});
