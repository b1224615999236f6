// How long the city-scale generator takes on a fresh embedded PostgreSQL (target < 60 s on
// 2 cores). Usage: node --import tsx bench/seed-scale.ts [--scale city|province] [--data DIR]
// With --data DIR the seeded cluster is kept there for bench/roster.ts --data DIR.

import { sql } from 'kysely';
import { benchArgs, fmt, mark, openBenchDatabase, printTable, machine } from './lib';

const TARGET_SECONDS = 60;

async function main() {
  const args = benchArgs({ scale: { type: 'string', default: 'city' } });
  const scale = args.scale === 'province' ? 'province' : 'city';
  const host = machine();
  const b = await openBenchDatabase(typeof args.data === 'string' ? args.data : undefined);
  try {
    const any = await b.db.selectFrom('org').select('id').limit(1).executeTakeFirst();
    if (any) throw new Error(`${b.dir} already holds data; give an empty --data directory`);
    console.error(`seeding ${scale} scale into ${b.dir} …`);
    const { seedScale } = await import('../apps/server/src/seed/scale');
    const r = await seedScale(b.db, b.cipher, scale, (m) => console.error(`  ${m}`));
    const { rows } = await sql<{ table: string; n: number }>`
      select 'org' as table, count(*)::int as n from org union all
      select 'enterprise', count(*)::int from enterprise union all
      select 'org_enterprise', count(*)::int from org_enterprise union all
      select 'party_group', count(*)::int from party_group union all
      select 'member', count(*)::int from member union all
      select 'leadership', count(*)::int from leadership union all
      select 'leadership_post', count(*)::int from leadership_post union all
      select 'app_user', count(*)::int from app_user`.execute(b.db);
    const { rows: size } = await sql<{ bytes: number }>`select pg_database_size(current_database())::int8 as bytes`.execute(b.db);
    const total = rows.reduce((s, x) => s + x.n, 0);
    const target = scale === 'city' ? TARGET_SECONDS : TARGET_SECONDS * 10;
    printTable(
      `seed-scale (${scale}) — ${host}, embedded PostgreSQL`,
      ['measure', 'value', 'target', 'result'],
      [
        ['wall time (s)', fmt(r.seconds, 1), `< ${target} (aim 15–25 per city)`, mark(r.seconds < target)],
        ['members / s', fmt(r.members / r.seconds), '', ''],
        ['all rows / s', fmt(total / r.seconds), '', ''],
        ...rows.map((x) => [`rows: ${x.table}`, fmt(x.n), '', '']),
        ['database size (MB)', fmt(size[0].bytes / 1048576, 1), '', ''],
      ],
    );
    if (typeof args.data === 'string') console.log(`\nkept in ${b.dir}: node --import tsx bench/roster.ts --data ${args.data}`);
    process.exitCode = r.seconds < target ? 0 : 1;
  } finally {
    await b.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
