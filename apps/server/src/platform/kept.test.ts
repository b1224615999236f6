import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeptValues } from './kept';

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

  it('drops everything rather than grow past its bound', async () => {
    const kept = createKeptValues<string>({ keepMs: 5000, reloadAfterMs: 3000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await kept.get(key, async () => key);
    const db = loader<string>();
    void kept.get('a', db.load);
    expect(db.count).toBe(1);
    expect(await kept.get('c', async () => 'again')).toBe('c');
  });
});
