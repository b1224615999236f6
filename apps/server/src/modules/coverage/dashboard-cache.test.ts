import { afterEach, describe, expect, it, vi } from 'vitest';
import { shared, type Cache } from './dashboard.service';

// The dashboard's per-scope answer cache: what a viewer sees when an answer is fresh, just
// expired, or long expired.

afterEach(() => vi.useRealTimers());

/** A computation that counts its runs and resolves when told. */
function computation() {
  let runs = 0;
  const pending: ((v: string) => void)[] = [];
  const compute = () => {
    runs++;
    return new Promise<string>((resolve) => pending.push(resolve));
  };
  return { compute, runs: () => runs, finish: (v: string) => pending.shift()?.(v) };
}

describe('the dashboard answer cache', () => {
  it('lets concurrent viewers share one computation and reuses the answer while it is fresh', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T02:00:00Z'), toFake: ['Date'] });
    const cache: Cache<string> = new Map();
    const c = computation();
    const first = shared(cache, 'city', 5000, c.compute).value;
    const second = shared(cache, 'city', 5000, c.compute).value;
    c.finish('A');
    expect(await Promise.all([first, second])).toEqual(['A', 'A']);
    vi.setSystemTime(new Date('2026-11-27T02:00:04Z'));
    expect(await shared(cache, 'city', 5000, c.compute).value).toBe('A');
    expect(c.runs()).toBe(1);
  });

  it('makes the viewer who finds it expired wait for fresh figures, while others get the old answer meanwhile', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T02:00:00Z'), toFake: ['Date'] });
    const cache: Cache<string> = new Map();
    const c = computation();
    const first = shared(cache, 'city', 5000, c.compute).value;
    c.finish('A');
    await first;
    vi.setSystemTime(new Date('2026-11-27T02:00:06Z'));
    const refreshing = shared(cache, 'city', 5000, c.compute).value;
    expect(await shared(cache, 'city', 5000, c.compute).value).toBe('A');
    c.finish('B');
    expect(await refreshing).toBe('B');
    expect(await shared(cache, 'city', 5000, c.compute).value).toBe('B');
    expect(c.runs()).toBe(2);
  });

  it('never shows an answer older than half a minute, and does not keep a failure', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T02:00:00Z'), toFake: ['Date'] });
    const cache: Cache<string> = new Map();
    await shared(cache, 'city', 5000, async () => 'A').value;
    vi.setSystemTime(new Date('2026-11-27T02:10:00Z'));
    const failing = shared(cache, 'city', 5000, async () => { throw new Error('database gone'); }).value;
    const meanwhile = shared(cache, 'city', 5000, async () => 'C').value;
    await expect(failing).rejects.toThrow('database gone');
    await expect(meanwhile).rejects.toThrow('database gone');
    expect(await shared(cache, 'city', 5000, async () => 'D').value).toBe('D');
  });
});
