// The compliance rollup (三会一课 完成情况) under load, beside a bare baseline in the same run:
//   (a) a bare Fastify route returning a constant object,
//   (b) the real GET /api/compliance/rollup for the current year as the city's administrator
//       (every branch-level organisation of the city, a year of meetings),
//   (c) the same for a town coordinator (乌镇),
//   (d) one organisation's grid, GET /api/compliance/orgs/:id, as the city administrator,
//   (e) for honesty: the city rollup computed fresh (the 5-second answer cache off), one request
//       at a time as a service call: what the first viewer after the cache expires waits for.
// Each target is warmed for 3 s, then measured by a closed loop of `connections` concurrent
// keep-alive requests in a worker thread; every response time is kept, so percentiles are exact.
// Target: (b) p95 ≤ 100 ms at --scale city.
// Usage: node --import tsx bench/compliance.ts [--scale city|province] [--data DIR] [--duration 10] [--connections 5]
// Without --data it seeds a fresh database first (city ~15 s). Loopback only.

import Fastify from 'fastify';
import { todayInShanghai } from '@hongyun/shared';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openRuntime } from '../apps/server/src/main-context';
import { createComplianceService } from '../apps/server/src/modules/compliance/compliance.service';
import { Access } from '../apps/server/src/platform/access';
import { loadRolePermissions } from '../apps/server/src/platform/context';
import { listen, load, login, percentile, type LoadResult } from './load';
import { benchArgs, ensureScale, fmt, machine, openBenchDatabase, printTable } from './lib';

const TARGET_P95_MS = { city: 100, province: 300 } as const;
const TOWN_CODE = 'TX-WZ';


/** The city rollup as a service call, one at a time, for `seconds`. */
async function direct(b: Awaited<ReturnType<typeof openBenchDatabase>>, username: string, year: number, seconds: number): Promise<LoadResult> {
  const grants = await b.db.selectFrom('userGrant as g').innerJoin('appUser as u', 'u.id', 'g.userId').innerJoin('org as o', 'o.id', 'g.orgId')
    .select(['g.id', 'g.role', 'g.orgId', 'o.path as orgPath', 'o.name as orgName', 'g.departmentId', 'u.id as userId']).where('u.username', '=', username).execute();
  // The grant rows carry role names checked by the database (user_grant_role_check).
  const actor = { userId: grants[0].userId, username, displayName: username, memberId: null, mustChangePassword: false, ip: '127.0.0.1', grants: grants.map((g) => ({ ...g, role: g.role as 'cityAdmin' })) };
  const access = new Access(actor, await loadRolePermissions(b.db));
  const service = createComplianceService({ db: b.db }, { rollupCacheMs: 0 });
  const latencies: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const t0 = performance.now();
    await service.rollup(access, { year });
    latencies.push(performance.now() - t0);
  }
  return { requests: latencies.length, seconds: (performance.now() - started) / 1000, latencies, errors: 0, non2xx: 0 };
}

async function main() {
  const args = benchArgs({ scale: { type: 'string', default: 'city' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '5' } });
  const scale = args.scale === 'province' ? 'province' : 'city';
  const seconds = Number(args.duration);
  const connections = Number(args.connections);
  const year = Number(todayInShanghai().slice(0, 4));
  const host = machine();
  const b = await openBenchDatabase(typeof args.data === 'string' ? args.data : undefined);
  const closers: (() => Promise<unknown>)[] = [() => b.close()];
  try {
    const seeded = await ensureScale(b, scale);
    if (seeded) console.error(`seeded ${scale} scale in ${seeded.seconds.toFixed(1)} s`);
    const meetings = await b.db.selectFrom('meeting').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const town = await b.db.selectFrom('org as o').innerJoin('userGrant as g', 'g.orgId', 'o.id').innerJoin('appUser as u', 'u.id', 'g.userId')
      .select(['o.name', 'u.username']).where('o.code', '=', TOWN_CODE).where('g.role', '=', 'townCoordinator').executeTakeFirstOrThrow();
    const branch = await b.db.selectFrom('org').select(['id', 'name']).where('kind', '=', 'branch').orderBy('id').executeTakeFirstOrThrow();

    const rt = await openRuntime({ ...loadConfig({}), databaseUrl: b.url, dataDir: b.dir }, { migrate: false });
    closers.unshift(() => rt.close());
    const { app } = await buildApp(rt.ctx, { logger: false, serveWeb: false });
    closers.unshift(() => app.close());
    const appBase = await listen(app);

    const bare = Fastify({ logger: false });
    closers.unshift(() => bare.close());
    bare.get('/json', async () => ({ total: { branches: 0 }, asOf: new Date().toISOString() }));
    const bareBase = await listen(bare);

    const targets: [string, string, Record<string, string> | undefined][] = [['(a) bare Fastify JSON', `${bareBase}/json`, undefined]];
    const city = await login(appBase, 'city');
    const rollups: [string, string][] = [['(b) GET /api/compliance/rollup — city administrator', city], [`(c) GET /api/compliance/rollup — town coordinator (${town.name})`, await login(appBase, town.username)]];
    for (const [name, cookie] of rollups) {
      const check = await fetch(`${appBase}/api/compliance/rollup?year=${year}`, { headers: { cookie } });
      const body = (await check.json()) as { total?: { branches?: number; summary?: { required?: number } } };
      if (check.status !== 200) throw new Error(`rollup: ${check.status} ${JSON.stringify(body)}`);
      targets.push([`${name}, ${fmt(body.total?.branches ?? 0)} branches, ${fmt(body.total?.summary?.required ?? 0)} cells`, `${appBase}/api/compliance/rollup?year=${year}`, { cookie }]);
    }
    targets.push([`(d) GET /api/compliance/orgs/:id — ${branch.name}`, `${appBase}/api/compliance/orgs/${branch.id}?year=${year}`, { cookie: city }]);

    console.error(`${fmt(meetings.n)} meetings; ${connections} concurrent viewers × ${seconds} s per target (after 3 s warm-up) …`);
    const results: [string, LoadResult][] = [];
    for (const [name, url, headers] of targets) {
      await load(url, { connections, seconds: 3, headers });
      results.push([name, await load(url, { connections, seconds, headers })]);
    }
    results.push(['(e) city rollup computed fresh (answer cache off), 1 viewer, service call', await direct(b, 'city', year, seconds)]);
    const goal = TARGET_P95_MS[scale];
    let pass = true;
    const rows = results.map(([name, r], i) => {
      const sorted = [...r.latencies].sort((x, y) => x - y);
      const p95 = percentile(sorted, 95);
      const judged = i === 1;
      const ok = !judged || (p95 <= goal && r.errors + r.non2xx === 0);
      if (!ok) pass = false;
      const goalText = i === 0 ? 'baseline' : judged ? `p95 ≤ ${goal} ms, no errors` : r.errors + r.non2xx === 0 ? 'informative' : 'informative (errors!)';
      return [name, fmt(r.requests / r.seconds), fmt(percentile(sorted, 50), 1), fmt(p95, 1), fmt(percentile(sorted, 99), 1), `${r.errors}/${r.non2xx}`, goalText, judged ? (ok ? 'PASS' : 'FAIL') : ''];
    });
    printTable(`compliance rollup (${scale}, ${year}) — ${host}, ${connections} concurrent viewers, ${seconds} s each, loopback`,
      ['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors/non-2xx', 'goal', 'result'], rows);
    process.exitCode = pass ? 0 : 1;
  } finally {
    for (const close of closers) await close().catch((e: unknown) => console.error(e));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
