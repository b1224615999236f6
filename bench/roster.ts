// The roster list under load, beside two baselines measured in the same run (absolute numbers
// on a shared machine drift; the ratio does not):
//   (a) a bare Fastify route returning a constant object,
//   (b) a bare Fastify route running one indexed query on the same database (pg Pool): the
//       smallest one (two columns), and the same statement the roster endpoint sends for the
//       page (its columns, the total it holds still current), and that
//       statement summing the total as after each change of members (b3),
//   (c) the real GET /api/members?orgId=<town>&category=full&page=1&pageSize=20 with a session.
// Every target is warmed, then measured in short windows, round after round, with (b2) and (c)
// always next to each other: this machine's speed drifts by up to half within a minute, so a
// single long window per target compares different machines. Each figure is the median over
// the rounds (the spread is printed beside it), the ratio the median of the rounds' own ratios.
// Targets: (c) ≥ 60 % of the page-query baseline's requests/s ("auth, scope, masking and
// serialisation together cost at most 40 %"), and (c) p99 ≤ 50 ms. The ratio to the
// two-column query is printed too.
// Usage: node --import tsx bench/roster.ts [--data DIR] [--rounds 5] [--duration 5] [--connections 50]
// Without --data it seeds a fresh city-scale database first (~10 s). Loopback only.

import autocannon, { type Result } from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { DEFAULT_POOL_SIZE } from '../apps/server/src/db/database';
import { loadConfig } from '../apps/server/src/config';
import { openRuntime } from '../apps/server/src/main-context';
import { SESSION_COOKIE } from '../apps/server/src/platform/session';
import { DEMO_PASSWORD } from '../apps/server/src/seed/write';
import { benchArgs, ensureScale, fmt, median, openBenchDatabase, printTable, machine } from './lib';

const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 50;
const TOWN_CODE = 'TX-WZ';
const BASELINE_SQL = `select id, name from member where org_path <@ $1 and category = 'full' order by name limit 20`;
// The statement the member repository sends for this page — a first page (its size in the
// text) of a subtree it already knows to be large (the name-order shape), with the total it
// holds from an earlier page: the statement sums the kept counts only when the members version
// differs from $1 — kept in step by hand: compare with the member repository's page query when
// it changes. The endpoint sends it as a named prepared statement (db/prepared.ts); so do the
// baselines. (b2) passes the current version, as the endpoint does between member changes;
// (b3) passes none, so every run sums the total, as after each change.
const PAGE_SQL = `select m.id, m.name, m.gender, m.birth_date, m.id_number_masked, m.phone_masked, m.org_id,
  m.category, m.status, m.key_positions, m.joined_on, m.confirmed_on, m.employer_name, m.is_mobile,
  case when (select mv.v from member_version mv where mv.id) = $1 then null else ((select coalesce(sum(c.n), 0)::int as n from org_member_count c where c.org_path <@ $2::ltree and c.category = any($3::text[]) and c.status = any($4::text[]))) end as total,
  (select mv.v from member_version mv where mv.id) as members_version
  from member m
  where coalesce(m.org_path <@ $5::ltree, false) and m.category = any($6::text[]) and m.status = any($7::text[])
  order by m.name asc, m.id asc limit 20`;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

function load(url: string, o: { connections: number; duration: number; headers?: Record<string, string> }): Promise<Result> {
  // A worker thread fires the requests, so the load generator does not share the servers' event loop.
  return autocannon({ url, connections: o.connections, duration: o.duration, workers: 1, headers: o.headers });
}

const spread = (xs: number[], digits = 0) => `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}`;

async function main() {
  const args = benchArgs({ rounds: { type: 'string', default: '5' }, duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '50' } });
  const rounds = Number(args.rounds);
  const duration = Number(args.duration);
  const connections = Number(args.connections);
  const host = machine();
  const b = await openBenchDatabase(typeof args.data === 'string' ? args.data : undefined);
  const closers: (() => Promise<unknown>)[] = [() => b.close()];
  try {
    const seeded = await ensureScale(b, 'city');
    if (seeded) console.error(`seeded city scale in ${seeded.seconds.toFixed(1)} s`);
    const town = await b.db.selectFrom('org as o').innerJoin('userGrant as g', 'g.orgId', 'o.id').innerJoin('appUser as u', 'u.id', 'g.userId')
      .select(['o.id', 'o.path', 'o.name', 'u.username']).where('o.code', '=', TOWN_CODE).where('g.role', '=', 'townCoordinator').executeTakeFirstOrThrow();

    // (c) the real app, built as the CLI builds it (same config path, pool and data key).
    const rt = await openRuntime({ ...loadConfig({}), databaseUrl: b.url, dataDir: b.dir }, { migrate: false });
    closers.unshift(() => rt.close());
    const { app } = await buildApp(rt.ctx, { logger: false, serveWeb: false });
    closers.unshift(() => app.close());
    const appBase = await listen(app);
    const cookie = await login(appBase, town.username);
    const realUrl = `${appBase}/api/members?orgId=${town.id}&category=full&page=1&pageSize=20`;
    const check = await fetch(realUrl, { headers: { cookie } });
    const body = (await check.json()) as { total?: number };
    if (check.status !== 200) throw new Error(`GET /api/members: ${check.status} ${JSON.stringify(body)}`);

    // (a) and (b): bare Fastify, the same pool size as the app (createDatabase's default).
    const bare = Fastify({ logger: false });
    const pool = new pg.Pool({ connectionString: b.url, max: DEFAULT_POOL_SIZE });
    closers.unshift(() => bare.close(), () => pool.end());
    bare.get('/json', async () => ({ items: [], total: 0, page: 1, pageSize: 20 }));
    bare.get('/query', async () => (await pool.query(BASELINE_SQL, [town.path])).rows);
    const { v: version } = await b.db.selectFrom('memberVersion').select('v').executeTakeFirstOrThrow();
    const pageValues = (known: number) => [known, town.path, ['full'], ['normal', 'suspended'], town.path, ['full'], ['normal', 'suspended']];
    const held = await pool.query({ name: 'roster-page', text: PAGE_SQL, values: pageValues(version) });
    if (held.rows.length !== 20 || held.rows[0].total !== null) throw new Error('the page statement did not reuse the total it was given');
    bare.get('/page', async () => (await pool.query({ name: 'roster-page', text: PAGE_SQL, values: pageValues(version) })).rows);
    bare.get('/page-sum', async () => (await pool.query({ name: 'roster-page', text: PAGE_SQL, values: pageValues(-1) })).rows);
    const bareBase = await listen(bare);

    console.error(`loading ${town.name} (${fmt(body.total ?? 0)} full members): ${connections} connections, ${rounds} rounds of ${duration} s per target …`);
    const targets: [string, string, Record<string, string> | undefined][] = [
      ['(a) bare Fastify JSON', `${bareBase}/json`, undefined],
      ['(b1) bare Fastify + 1 indexed query (2 columns)', `${bareBase}/query`, undefined],
      ['(b3) the page query, total summed each time', `${bareBase}/page-sum`, undefined],
      ['(b2) bare Fastify + the page query', `${bareBase}/page`, undefined],
      ['(c) GET /api/members (town, full, page 1)', realUrl, { cookie }],
    ];
    const [B1, B2, C] = [1, 3, 4];
    // Warm-up: JIT, plan and buffer caches; a cold first pass otherwise decides the ratio more
    // than the code does.
    for (const [, url, headers] of targets) await load(url, { connections, duration: 5, headers });
    const runs: Result[][] = targets.map(() => []);
    for (let round = 0; round < rounds; round++) {
      // Alternate the order, so that neither (b2) nor (c) always follows the other.
      const order = round % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
      for (const i of order) runs[i].push(await load(targets[i][1], { connections, duration, headers: targets[i][2] }));
      console.error(`round ${round + 1}/${rounds}: (b2) ${fmt(runs[B2][round].requests.average)} req/s, (c) ${fmt(runs[C][round].requests.average)} req/s, p99 ${runs[C][round].latency.p99} ms`);
    }
    const rps = runs.map((rs) => rs.map((r) => r.requests.average));
    const p99 = runs.map((rs) => rs.map((r) => r.latency.p99));
    const p50 = runs.map((rs) => rs.map((r) => r.latency.p50));
    const failuresOf = (rs: Result[]) => rs.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
    // Each round's (c) against the (b2) measured next to it.
    const ratios = rps[C].map((c, r) => c / rps[B2][r]);
    const ratio = median(ratios);
    const cP99 = median(p99[C]);
    const failures = failuresOf(runs[C]);
    const missed = [ratio < TARGET_RATIO && 'ratio', cP99 > TARGET_P99_MS && 'p99', failures > 0 && 'errors'].filter(Boolean);
    const pass = missed.length === 0;
    printTable(
      `roster — ${host}, ${connections} connections, ${rounds} rounds of ${duration} s, loopback; medians over the rounds (range)`,
      ['target', 'req/s', 'range', 'p50 ms', 'p99 ms', 'p99 range', 'errors/non-2xx', '% of (b1)', '% of (b2)', 'goal', 'result'],
      targets.map(([name], i) => [
        name, fmt(median(rps[i])), spread(rps[i]), fmt(median(p50[i]), 1), fmt(median(p99[i]), 1), spread(p99[i], 1),
        `${runs[i].reduce((n, r) => n + r.errors + r.timeouts, 0)}/${runs[i].reduce((n, r) => n + r.non2xx, 0)}`,
        `${fmt(100 * median(rps[i].map((x, r) => x / rps[B1][r])))} %`,
        `${fmt(100 * median(rps[i].map((x, r) => x / rps[B2][r])))} %`,
        i === C ? `≥ ${100 * TARGET_RATIO} % of (b2), p99 ≤ ${TARGET_P99_MS} ms, no errors` : '',
        i === C ? (pass ? 'PASS' : `FAIL (${missed.join(', ')})`) : '',
      ]),
    );
    printTable(
      'each round: (c) beside the (b2) measured next to it',
      ['round', '(b2) req/s', '(b2) p99 ms', '(c) req/s', '(c) p99 ms', '(c) ÷ (b2)'],
      ratios.map((q, r) => [r + 1, fmt(rps[B2][r]), fmt(p99[B2][r], 1), fmt(rps[C][r]), fmt(p99[C][r], 1), `${fmt(100 * q)} %`]),
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    for (const close of closers) await close().catch((e: unknown) => console.error(e));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
