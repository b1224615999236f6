// The city dashboard (数据驾驶舱) under load, beside a bare baseline measured in the same run:
//   (a) a bare Fastify route returning a constant object,
//   (b) the real GET /api/dashboard as the city's administrator (every town, trend, all figures),
//   (c) the same for a town coordinator (乌镇), and (province scale) (d) the province administrator,
//   (e) for honesty: the city administrator's answer computed without the 5-second per-scope
//       answer cache, one request at a time (what the first viewer after a change waits for).
// Each target is warmed for 3 s, then measured. Latency percentiles are exact (every response
// time is kept), which autocannon does not offer for p95, so the load comes from our own
// closed loop of `connections` concurrent keep-alive requests in a worker thread.
// Targets: p95 ≤ 100 ms at 20 viewers at --scale city (default), ≤ 300 ms at --scale province.
// Usage: node --import tsx bench/dashboard.ts [--scale city|province] [--data DIR] [--duration 10] [--connections 20]
// Without --data it seeds a fresh database first (city ~20 s, province several minutes). Loopback only.

import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openRuntime } from '../apps/server/src/main-context';
import { createDashboardService } from '../apps/server/src/modules/coverage/dashboard.service';
import { Access } from '../apps/server/src/platform/access';
import { loadRolePermissions } from '../apps/server/src/platform/context';
import { listen, load, login, percentile, type LoadResult } from './load';
import { benchArgs, ensureScale, fmt, machine, openBenchDatabase, printTable } from './lib';

const TARGET_P95_MS = { city: 100, province: 300 } as const;
const TOWN_CODE = 'TX-WZ';


/** The dashboard computed afresh for every call (answer cache off), sequentially, for `seconds`. */
async function uncached(b: Awaited<ReturnType<typeof openBenchDatabase>>, username: string, seconds: number): Promise<LoadResult> {
  const grants = await b.db.selectFrom('userGrant as g').innerJoin('appUser as u', 'u.id', 'g.userId').innerJoin('org as o', 'o.id', 'g.orgId')
    .select(['g.id', 'g.role', 'g.orgId', 'o.path as orgPath', 'o.name as orgName', 'g.departmentId', 'u.id as userId']).where('u.username', '=', username).execute();
  // The grant rows carry role names checked by the database (user_grant_role_check).
  const actor = { userId: grants[0].userId, username, displayName: username, memberId: null, mustChangePassword: false, ip: '127.0.0.1', grants: grants.map((g) => ({ ...g, role: g.role as 'cityAdmin' })) };
  const access = new Access(actor, await loadRolePermissions(b.db));
  const service = createDashboardService({ db: b.db }, { answerCacheMs: 0 });
  const latencies: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const t0 = performance.now();
    await service.dashboard(access, {});
    latencies.push(performance.now() - t0);
  }
  return { requests: latencies.length, seconds: (performance.now() - started) / 1000, latencies, errors: 0, non2xx: 0 };
}

async function main() {
  const args = benchArgs({ scale: { type: 'string', default: 'city' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } });
  const scale = args.scale === 'province' ? 'province' : 'city';
  const seconds = Number(args.duration);
  const connections = Number(args.connections);
  const host = machine();
  const b = await openBenchDatabase(typeof args.data === 'string' ? args.data : undefined);
  const closers: (() => Promise<unknown>)[] = [() => b.close()];
  try {
    const seeded = await ensureScale(b, scale);
    if (seeded) console.error(`seeded ${scale} scale in ${seeded.seconds.toFixed(1)} s`);
    const counts = await b.db.selectFrom('enterprise').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const town = await b.db.selectFrom('org as o').innerJoin('userGrant as g', 'g.orgId', 'o.id').innerJoin('appUser as u', 'u.id', 'g.userId')
      .select(['o.name', 'u.username']).where('o.code', '=', TOWN_CODE).where('g.role', '=', 'townCoordinator').executeTakeFirstOrThrow();

    const rt = await openRuntime({ ...loadConfig({}), databaseUrl: b.url, dataDir: b.dir }, { migrate: false });
    closers.unshift(() => rt.close());
    const { app } = await buildApp(rt.ctx, { logger: false, serveWeb: false });
    closers.unshift(() => app.close());
    const appBase = await listen(app);

    const bare = Fastify({ logger: false });
    closers.unshift(() => bare.close());
    bare.get('/json', async () => ({ companies: { total: 0 }, asOf: new Date().toISOString() }));
    const bareBase = await listen(bare);

    const viewers: [string, string][] = [['(b) GET /api/dashboard — city administrator', 'city'], [`(c) GET /api/dashboard — town coordinator (${town.name})`, town.username]];
    if (scale === 'province') viewers.push(['(d) GET /api/dashboard — province administrator', 'province']);
    const targets: [string, string, Record<string, string> | undefined][] = [['(a) bare Fastify JSON', `${bareBase}/json`, undefined]];
    for (const [name, username] of viewers) {
      const cookie = await login(appBase, username);
      const check = await fetch(`${appBase}/api/dashboard`, { headers: { cookie } });
      const body = (await check.json()) as { companies?: { total?: { value?: number } } };
      if (check.status !== 200) throw new Error(`GET /api/dashboard as ${username}: ${check.status} ${JSON.stringify(body)}`);
      targets.push([`${name}, ${fmt(body.companies?.total?.value ?? 0)} companies`, `${appBase}/api/dashboard`, { cookie }]);
    }

    console.error(`${fmt(counts.n)} enterprises; ${connections} concurrent viewers × ${seconds} s per target (after 3 s warm-up) …`);
    const results: [string, LoadResult][] = [];
    for (const [name, url, headers] of targets) {
      await load(url, { connections, seconds: 3, headers });
      results.push([name, await load(url, { connections, seconds, headers })]);
    }
    results.push(['(e) city administrator, answer cache off, 1 viewer (service call)', await uncached(b, 'city', seconds)]);
    const goal = TARGET_P95_MS[scale];
    let pass = true;
    const rows = results.map(([name, r], i) => {
      const sorted = [...r.latencies].sort((x, y) => x - y);
      const p95 = percentile(sorted, 95);
      const info = i === 0 || i === results.length - 1;
      const ok = info || (p95 <= goal && r.errors + r.non2xx === 0);
      if (!ok) pass = false;
      return [name, fmt(r.requests / r.seconds), fmt(percentile(sorted, 50), 1), fmt(p95, 1), fmt(percentile(sorted, 99), 1), `${r.errors}/${r.non2xx}`,
        info ? (i === 0 ? 'baseline' : 'informative') : `p95 ≤ ${goal} ms, no errors`, info ? '' : ok ? 'PASS' : 'FAIL'];
    });
    printTable(`dashboard (${scale}) — ${host}, ${connections} concurrent viewers, ${seconds} s each, loopback`,
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
