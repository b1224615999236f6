import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { createDatabase, type Database, type Queryable } from './database';
import { createPreparedQuery } from './prepared';
import type { DB } from './types';

let t: TestDatabase;
let one: Database; // one connection, so the statements it prepared can be listed

interface Values {
  codes?: string[];
  namePattern?: string;
}

function orgs(db: Queryable, v: Values, st: { order: 'asc' | 'desc' }) {
  return db
    .selectFrom('org')
    .select(['code'])
    .$if(v.codes !== undefined, (q) => q.where(sql<SqlBool>`code = any(${v.codes}::text[])`))
    .$if(v.namePattern !== undefined, (q) => q.where('name', 'like', v.namePattern!))
    .orderBy('code', st.order);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insertInto('org').values([
    { kind: 'workCommittee', name: '甲市两新工委', code: 'PQ-A', path: '9001' },
    { kind: 'workCommittee', name: '乙市两新工委', code: 'PQ-B', path: '9002' },
    { kind: 'workCommittee', name: '丙市两新工委', code: 'PQ-C', path: '9003' },
  ]).execute();
  one = createDatabase(t.url, { max: 1 });
});

afterAll(async () => {
  await one?.destroy();
  await t?.drop();
});

describe('prepared queries', () => {
  it('answers each call with its own values, not the values the shape was compiled with', async () => {
    const run = createPreparedQuery(one, orgs);
    expect(await run({ codes: ['PQ-A', 'PQ-B'] }, { order: 'asc' })).toEqual([{ code: 'PQ-A' }, { code: 'PQ-B' }]);
    expect(await run({ codes: ['PQ-C'] }, { order: 'asc' })).toEqual([{ code: 'PQ-C' }]);
    expect(await run({ codes: ['PQ-A', 'PQ-C'] }, { order: 'desc' })).toEqual([{ code: 'PQ-C' }, { code: 'PQ-A' }]);
    expect(await run({ namePattern: '乙%' }, { order: 'asc' })).toEqual([{ code: 'PQ-B' }]);
    expect(await run({ codes: ['PQ-A', 'PQ-B'], namePattern: '乙%' }, { order: 'asc' })).toEqual([{ code: 'PQ-B' }]);
  });

  it('runs as a named statement prepared once per connection', async () => {
    const run = createPreparedQuery(one, orgs);
    for (const code of ['PQ-A', 'PQ-B', 'PQ-C']) await run({ codes: [code] }, { order: 'asc' });
    const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(one);
    const ours = rows.filter((r) => r.statement.includes('code = any('));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((r) => r.name.startsWith('hy_'))).toBe(true);
    // Three calls with one shape: one statement for that shape, not three.
    expect(new Set(ours.filter((r) => !r.statement.includes('like')).map((r) => r.statement)).size).toBe(2); // asc, desc
  });

  it('runs inside a transaction on the transaction\'s connection, and outside it on a connection of its own', async () => {
    const outside = createPreparedQuery(t.db, orgs);
    await t.db.transaction().execute(async (tx) => {
      await tx.insertInto('org').values({ kind: 'workCommittee', name: '丁市两新工委', code: 'PQ-D', path: '9004' }).execute();
      const inside = createPreparedQuery(tx, orgs);
      expect(await inside({ codes: ['PQ-D'] }, { order: 'asc' })).toEqual([{ code: 'PQ-D' }]);
      expect(await outside({ codes: ['PQ-D'] }, { order: 'asc' })).toEqual([]); // not committed yet
    });
    expect(await outside({ codes: ['PQ-D'] }, { order: 'asc' })).toEqual([{ code: 'PQ-D' }]);
  });

  it('gives rows the keys the query builder gives them, on the database and in a transaction, whatever the column names', async () => {
    // A column name that would be code if it were pasted into the row builder unquoted.
    const hostile = 'x": 1, "y": (globalThis.hostileColumnRan = true), "z';
    const plain = (db: Queryable) => db.selectFrom('org').select(['code', 'shortName', 'foundedOn', sql<string>`name`.as(hostile)]);
    // Two columns of one name: the later one's value, as the query builder's rows have it.
    const twice = (db: Queryable) => db.selectFrom('org').select(['code', sql<string>`'first'`.as('twice'), sql<string>`'second'`.as('twice')]);
    async function check(shape: (db: Queryable) => SelectQueryBuilder<DB, 'org', object>, expected: Record<string, unknown>) {
      const columns = (db: Queryable, v: Values, _: null) => shape(db).$if(v.codes !== undefined, (q) => q.where(sql<SqlBool>`code = any(${v.codes}::text[])`));
      expect(await shape(one).where('code', '=', 'PQ-B').execute()).toEqual([expected]);
      for (let i = 0; i < 3; i++) expect(await createPreparedQuery(one, columns)({ codes: ['PQ-B'] }, null)).toEqual([expected]);
      await t.db.transaction().execute(async (tx) => {
        expect(await createPreparedQuery(tx, columns)({ codes: ['PQ-B'] }, null)).toEqual([expected]);
      });
    }
    await check(plain, { code: 'PQ-B', shortName: null, foundedOn: null, [hostile]: '乙市两新工委' });
    await check(twice, { code: 'PQ-B', twice: 'second' });
    expect((globalThis as Record<string, unknown>).hostileColumnRan).toBeUndefined();
  });

  it('refuses a query that uses a value other than as a parameter', async () => {
    const run = createPreparedQuery(one, (db: Queryable, v: Values, _: null) => db.selectFrom('org').select('code').$if(v.codes !== undefined, (q) => q.where('code', '=', 'PQ-A')));
    await expect(run({ codes: ['PQ-A'] }, null)).rejects.toThrow(/codes must be passed as parameters/);
  });
});
