// A knowledge-contest burst: 2,000 members answer the same contest question within seconds,
// through the real HTTP stack, each with their own authenticated session, beside a bare
// baseline measured in the same run with the same client:
//   (a) a bare Fastify JSON POST route,
//   (b) the real POST /api/me/contests/:id/answers, one answer per member, sessions cold (the
//       first request of each session loads it from the database),
//   (c) the same members sending their answer again: every one refused (409), nothing written,
//   (d) every member loading the current question of a second contest (the member page), and
//   (e) their answers right after, when the sessions are in the server's 5-second cache.
// The bench creates its own city, branch, 2,000 members (and 300 more who warm the server up
// on a contest of their own) with accounts and sessions, one approved question and contests
// whose first question is open for the run. Afterwards it
// checks in the database that every member's answer is stored exactly once.
// Latencies are exact (every response time kept); the load comes from a closed loop of
// `connections` concurrent keep-alive clients in a worker thread.
// Targets: (b) ≥ 1,000 answers/s sustained, p99 ≤ 200 ms, 2,000 answers stored exactly once.
// Usage: node --import tsx bench/contest.ts [--members 2000] [--connections 64] [--data DIR]

import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { makeFictionalName, makeIdNumber, maskIdNumber } from '@hongyun/shared';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openRuntime } from '../apps/server/src/main-context';
import { randomToken, tokenHash } from '../apps/server/src/platform/crypto';
import { SESSION_COOKIE } from '../apps/server/src/platform/session';
import { benchArgs, fmt, machine, mark, openBenchDatabase, printTable, type BenchDatabase } from './lib';
import { listen, percentile } from './load';

const TARGET_RATE = 1000;
const TARGET_P99_MS = 200;
const SECONDS_PER_QUESTION = 600;

interface Client { cookie: string; csrf: string }
interface LoadResult { requests: number; seconds: number; latencies: number[]; statuses: Record<string, number>; errors: number }

// Each client takes the next member from a shared counter until all have answered once. The
// client is node:http with a keep-alive agent: on this machine it costs a third of what fetch
// does per request, and the client shares the cores with the server.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, clients, connections, body, method } = workerData;
const u = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
function send(c) {
  return new Promise((resolve, reject) => {
    const headers = method === 'GET' ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (c.cookie) Object.assign(headers, { cookie: c.cookie }, method === 'GET' ? {} : { 'x-csrf-token': c.csrf });
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(method === 'GET' ? undefined : body);
  });
}
(async () => {
  const latencies = [];
  const statuses = {};
  let errors = 0, next = 0;
  const started = performance.now();
  async function loop() {
    for (;;) {
      const i = next++;
      if (i >= clients.length) return;
      const t0 = performance.now();
      try {
        const status = await send(clients[i]);
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch { errors++; }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  parentPort.postMessage({ requests: latencies.length, seconds: (performance.now() - started) / 1000, latencies, statuses, errors });
})();`;

function burst(url: string, clients: Client[], connections: number, body: unknown, method: 'GET' | 'POST' = 'POST'): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { url, clients, connections, body: JSON.stringify(body), method } });
    w.once('message', (r: LoadResult) => void w.terminate().then(() => resolve(r)));
    w.once('error', reject);
  });
}


/** A city, one branch, `n` members with member accounts and live sessions (no logins: argon2 for 2,000 would dominate). */
async function seedMembers(b: BenchDatabase, n: number): Promise<{ cityId: number; cityPath: string; clients: Client[] }> {
  const orgId = async (parent: { id: number; path: string } | null, kind: string, name: string, isTown = false) => {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('org', 'id'))::int8 as id`.execute(b.db);
    const id = rows[0].id;
    const path = parent ? `${parent.path}.${id}` : String(id);
    await b.db.insertInto('org').values({ id, parentId: parent?.id ?? null, path, kind, isTown, name, shortName: null, code: `BENCH-${id}`, foundedOn: '2020-01-01', contactName: null, contactPhone: null, address: null }).execute();
    return { id, path };
  };
  const city = await orgId(null, 'workCommittee', '压测市两新工委');
  const town = await orgId(city, 'workCommittee', '压测镇两新工委', true);
  const branch = await orgId(town, 'committee', '压测企业党委');
  const passwordHash = 'not-used-sessions-are-created-directly';
  const clients: Client[] = [];
  let rng = 7;
  const random = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let start = 0; start < n; start += 500) {
    const count = Math.min(500, n - start);
    const members = await b.db.insertInto('member').values(Array.from({ length: count }, (_, k) => {
      const i = start + k;
      const id = makeIdNumber('330483', `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000, i % 2 ? 'male' : 'female');
      return {
        orgId: branch.id, orgPath: branch.path, partyGroupId: null, name: makeFictionalName(random), gender: i % 2 ? 'male' : 'female', ethnicity: '汉族',
        birthDate: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, idNumberCipher: b.cipher.encrypt(id), idNumberHash: b.cipher.hash(id), idNumberMasked: maskIdNumber(id),
        phoneCipher: null, phoneHash: null, phoneMasked: null, education: 'bachelor', employerEnterpriseId: null, employerName: null, job: null, keyPositions: [],
        category: 'full', status: 'normal', appliedOn: null, activistOn: null, candidateOn: null, joinedOn: '2015-07-01', confirmedOn: '2016-07-01',
      };
    })).returning('id').execute();
    const users = await b.db.insertInto('appUser').values(members.map((m) => ({ username: `bench${m.id}`, displayName: `压测党员${m.id}`, passwordHash, memberId: m.id, mustChangePassword: false }))).returning('id').execute();
    await b.db.insertInto('userGrant').values(users.map((u) => ({ userId: u.id, role: 'member', orgId: branch.id, departmentId: null }))).execute();
    const sessions = users.map((u) => ({ userId: u.id, token: randomToken(), csrf: randomToken(24) }));
    await b.db.insertInto('session').values(sessions.map((s) => ({ tokenHash: tokenHash(s.token), userId: s.userId, csrfToken: s.csrf, ip: '127.0.0.1', userAgent: 'bench', expiresAt: new Date(Date.now() + 3600_000) }))).execute();
    clients.push(...sessions.map((s) => ({ cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrf })));
  }
  return { cityId: city.id, cityPath: city.path, clients };
}

async function main() {
  const args = benchArgs({ members: { type: 'string', default: '2000' }, connections: { type: 'string', default: '64' } });
  const n = Number(args.members);
  const connections = Number(args.connections);
  const host = machine();
  const b = await openBenchDatabase(typeof args.data === 'string' ? args.data : undefined);
  const closers: (() => Promise<unknown>)[] = [() => b.close()];
  try {
    const t0 = performance.now();
    const WARM_UP = 300;
    const seeded = await seedMembers(b, n + WARM_UP);
    const { cityId, cityPath } = seeded;
    // Separate members warm the server up (JIT, pool connections) without warming the measured sessions.
    const warmUpClients = seeded.clients.slice(n);
    const clients = seeded.clients.slice(0, n);
    const q = await b.db.insertInto('question').values({
      orgId: cityId, orgPath: cityPath, kind: 'single', stem: '党的最高领导机关是（ ）。', options: JSON.stringify([{ key: 'A', text: '党的全国代表大会和它所产生的中央委员会' }, { key: 'B', text: '中央政治局' }]) as unknown as { key: string; text: string }[],
      answer: JSON.stringify(['A']), category: '党章', status: 'approved',
    }).returning('id').executeTakeFirstOrThrow();
    // Two contests whose question 0 opened a second ago and stays open for the whole run: the
    // first for answers from cold sessions, the second for answers right after the page loaded.
    const opensAt = new Date(Date.now() - 1000);
    const contests: number[] = [];
    for (const title of ['压测知识竞赛（冷会话）', '压测知识竞赛（页面已打开）', '压测知识竞赛（预热）']) {
      const contest = await b.db.insertInto('exam').values({
        orgId: cityId, orgPath: cityPath, kind: 'contest', title, paperMode: 'fixed', secondsPerQuestion: SECONDS_PER_QUESTION, opensAt,
        closesAt: new Date(opensAt.getTime() + SECONDS_PER_QUESTION * 1000), status: 'published',
      }).returning('id').executeTakeFirstOrThrow();
      await b.db.insertInto('examQuestion').values({ examId: contest.id, position: 0, questionId: q.id }).execute();
      contests.push(contest.id);
    }
    console.error(`created ${fmt(n + WARM_UP)} members with accounts and sessions and the contests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const rt = await openRuntime({ ...loadConfig({}), databaseUrl: b.url, dataDir: b.dir }, { migrate: false });
    closers.unshift(() => rt.close());
    const { app } = await buildApp(rt.ctx, { logger: false, serveWeb: false });
    closers.unshift(() => app.close());
    const appBase = await listen(app);
    const bare = Fastify({ logger: false });
    closers.unshift(() => bare.close());
    bare.post('/answer', async () => ({ accepted: true, position: 0 }));
    const bareBase = await listen(bare);

    const body = { position: 0, answer: 'A' };
    const anonymous = clients.map(() => ({ cookie: '', csrf: '' }));
    await burst(`${bareBase}/answer`, anonymous.slice(0, 500), connections, body); // warm-up of the client and the bare server
    const bareRun = await burst(`${bareBase}/answer`, anonymous, connections, body);
    await burst(`${appBase}/api/me/contests/${contests[2]}/current`, warmUpClients, connections, null, 'GET');
    await burst(`${appBase}/api/me/contests/${contests[2]}/answers`, warmUpClients, connections, body);
    const url = `${appBase}/api/me/contests/${contests[0]}/answers`;
    const answers = await burst(url, clients, connections, body);
    const again = await burst(url, clients, connections, body);
    // The member page loads the contest's current question, then the member answers.
    const page = await burst(`${appBase}/api/me/contests/${contests[1]}/current`, clients, connections, null, 'GET');
    const warm = await burst(`${appBase}/api/me/contests/${contests[1]}/answers`, clients, connections, body);

    const stored = await sql<{ examId: number; rows: number; members: number; attempts: number }>`
      select e.id as "examId", (select count(*)::int from exam_answer x join exam_attempt a on a.id = x.attempt_id where a.exam_id = e.id) as rows,
             (select count(distinct a.member_id)::int from exam_answer x join exam_attempt a on a.id = x.attempt_id where a.exam_id = e.id) as members,
             (select count(*)::int from exam_attempt a where a.exam_id = e.id) as attempts
        from exam e where e.id in (${contests[0]}, ${contests[1]}) order by e.id`.execute(b.db);
    const exactlyOnce = stored.rows.every((s) => s.rows === n && s.members === n && s.attempts === n);
    const row = (name: string, r: LoadResult, goal: string, ok: boolean | null) => {
      const sorted = [...r.latencies].sort((x, y) => x - y);
      const statuses = Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join(' ') + (r.errors ? ` err×${r.errors}` : '');
      return [name, fmt(r.requests), fmt(r.requests / r.seconds), fmt(percentile(sorted, 50), 1), fmt(percentile(sorted, 99), 1), fmt(sorted[sorted.length - 1], 1), statuses, goal, ok === null ? '' : mark(ok)];
    };
    const rate = answers.requests / answers.seconds;
    const p99 = percentile([...answers.latencies].sort((x, y) => x - y), 99);
    const answersOk = rate >= TARGET_RATE && p99 <= TARGET_P99_MS && answers.statuses['200'] === n && answers.errors === 0;
    const againOk = again.statuses['409'] === n && again.errors === 0;
    const warmOk = warm.statuses['200'] === n && warm.errors === 0;
    printTable(`contest burst — ${host}, ${fmt(n)} members, ${connections} concurrent clients, loopback`,
      ['target', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'statuses', 'goal', 'result'], [
        row('(a) bare Fastify JSON POST', bareRun, 'baseline', null),
        row('(b) POST …/answers, first answer, cold sessions', answers, `≥ ${fmt(TARGET_RATE)}/s, p99 ≤ ${TARGET_P99_MS} ms, all 200`, answersOk),
        row('(c) the same answers again', again, 'all 409, nothing written', againOk),
        row('(d) GET …/current (the page opens)', page, 'informative', null),
        row('(e) POST …/answers right after (d)', warm, 'informative, all 200', warmOk),
      ]);
    printTable('stored in the database', ['contest', 'answers', 'members with an answer', 'attempts', 'expected', 'result'],
      stored.rows.map((s, i) => [i === 0 ? '(b)+(c)' : '(e)', fmt(s.rows), fmt(s.members), fmt(s.attempts), `${fmt(n)} each`, mark(s.rows === n && s.members === n && s.attempts === n)]));
    console.log(`\n(b) ÷ (a) requests/s: ${(rate / (bareRun.requests / bareRun.seconds) * 100).toFixed(0)} %; (e) ÷ (a): ${((warm.requests / warm.seconds) / (bareRun.requests / bareRun.seconds) * 100).toFixed(0)} %`);
    process.exitCode = answersOk && againOk && warmOk && exactlyOnce ? 0 : 1;
  } finally {
    for (const close of closers) await close().catch((e: unknown) => console.error(e));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
