import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../apps/server/src/platform/session';
import { DEMO_PASSWORD } from '../apps/server/src/seed/write';

// What the HTTP benchmarks share: a closed-loop load runner in a worker thread (so the load
// does not share the server's event loop), percentiles, listening on a free port and logging in.

export interface LoadResult {
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
  non2xx: number;
}

// A closed loop: each "viewer" sends the next request as soon as the previous answer is read.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, connections, durationMs } = workerData;
(async () => {
  const latencies = [];
  let errors = 0, non2xx = 0;
  const started = performance.now();
  const end = started + durationMs;
  async function viewer() {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status < 200 || res.status >= 300) non2xx++;
      } catch { errors++; }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: connections }, viewer));
  parentPort.postMessage({ requests: latencies.length, seconds: (performance.now() - started) / 1000, latencies, errors, non2xx });
})();`;

/** GETs `url` from `connections` concurrent closed loops for `seconds`. */
export function load(url: string, o: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { url, headers: o.headers ?? {}, connections: o.connections, durationMs: o.seconds * 1000 } });
    w.once('message', (r: LoadResult) => void w.terminate().then(() => resolve(r)));
    w.once('error', reject);
  });
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

/** Listens on a free loopback port; returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** Logs a demo account in; returns its session cookie ('name=value'). */
export async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}
