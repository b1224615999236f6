import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` until it returns a truthy value; throws `message` (with the last value) on timeout. */
export async function waitUntil<T>(check: () => Promise<T> | T, message: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    await sleep(200);
  }
  const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : last !== undefined ? ` (last value: ${JSON.stringify(last)})` : '';
  throw new Error(`${message}${why}`);
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
