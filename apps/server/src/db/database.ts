import os from 'node:os';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import { statementNameOf } from './prepared';
import type { DB } from './types';

// One type-parser setup for every connection (architecture: dates stay 'YYYY-MM-DD').
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and ids fit in a double
pg.types.setTypeParser(1700, (v) => v); // numeric stays exact as text
const parseAnyTextArray = pg.types.getTypeParser(1009 as never) as (v: string) => unknown;
pg.types.setTypeParser(1009 as never, parseTextArray); // text[] (not in the driver's list of type ids)

/**
 * text[] values: the common shape `{a,b}` (no quoting, escaping, nesting or bounds) split
 * directly, anything else by the driver's full parser. Tags such as key positions come in
 * this shape, and the full parser's per-character work was a twentieth of a roster page's
 * allocations.
 */
export function parseTextArray(v: string): unknown {
  if (v.charCodeAt(0) !== 123 || v.indexOf('"') !== -1 || v.indexOf('\\') !== -1 || v.indexOf('{', 1) !== -1) return parseAnyTextArray(v);
  if (v === '{}') return [];
  const items: (string | null)[] = v.slice(1, -1).split(',');
  for (let i = 0; i < items.length; i++) if (items[i] === 'NULL') items[i] = null;
  return items;
}

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Kysely<DB>;

/**
 * Connections per process unless told otherwise: four per core, at least 8 and at most 32 (well
 * under PostgreSQL's default limit of 100 connections). PostgreSQL does its best with a few busy
 * connections per core; more only queue inside the server, where they cost context switches and
 * memory. Measured on two cores (bench/roster.ts, 50 concurrent requests): with 20 connections
 * PostgreSQL spent 319–480 µs per request, with 6 250–305 µs. The default there is 8.
 */
export const DEFAULT_POOL_SIZE = Math.min(32, Math.max(8, 4 * os.availableParallelism()));

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? DEFAULT_POOL_SIZE });
  // An idle connection can be closed by the server (e.g. Ctrl-C reaches the embedded database
  // too, which then shuts down on its own). Log it; the pool replaces the connection.
  pool.on('error', (error) => console.error(`数据库连接断开 / database connection lost: ${error.message}`));
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: namingPreparedStatements(pool) }),
    plugins: [new CamelCasePlugin()],
  });
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Queryable, pg.Pool>();

/**
 * Runs a named statement (./prepared.ts) on a pool connection of its own, without the query
 * builder's executor; only for the database itself (a transaction's statements run on its
 * connection, through the builder). On the roster page the executor's layers cost a third as
 * much as the driver's whole round trip (bench/README.md).
 */
export function namedStatementRunner(db: Queryable): ((name: string, text: string, values: unknown[]) => Promise<Record<string, unknown>[]>) | undefined {
  const pool = pools.get(db);
  if (!pool) return undefined;
  return async (name, text, values) => (await camelCaseRows(pool.query({ name, text, values, rowMode: 'array' }))).rows;
}

/** The camelCase keys the query builder's CamelCasePlugin gives result columns. */
class ColumnNames extends CamelCasePlugin {
  of(column: string): string {
    return this.camelCase(column);
  }
}
const columnNames = new ColumnNames();

type RowBuilder = (values: unknown[]) => Record<string, unknown>;
const rowBuilders = new Map<string, RowBuilder>();

/**
 * A function making a row object from an array of column values, its keys written in its code:
 * every row of a statement then has one shape, built without keyed stores, and code reading the
 * rows reads one shape too. Assigning the keys one by one from a list made stores and lookups
 * that V8 could not specialise: making a roster page's twenty rows and reading them took 4.5 µs
 * that way, 1.0 µs this way. Keys are quoted as JSON strings, so no column name can become code.
 */
function rowBuilderOf(columns: readonly string[]): RowBuilder {
  const signature = columns.join('\u0000');
  let build = rowBuilders.get(signature);
  if (build) return build;
  const keys = columns.map((c) => columnNames.of(c));
  // Two columns with one name (the later one wins, as with the query builder's rows), or more
  // column lists than the cache keeps: key by key, never compiling on every call.
  if (new Set(keys).size !== keys.length || rowBuilders.size >= 1_000) {
    return (values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) row[keys[i]] = values[i];
      return row;
    };
  }
  build = new Function('v', `return { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as RowBuilder;
  rowBuilders.set(signature, build); // bounded above: one per statement shape
  return build;
}

/**
 * Rows of a prepared statement, which runs without the query builder's plugins (./prepared.ts):
 * fetched as arrays and made into objects with camelCase keys once, where the driver's objects
 * keyed by column would be copied again by the plugin (a third of a roster page's allocations).
 */
async function camelCaseRows(result: Promise<pg.QueryArrayResult>) {
  const { rows, fields, rowCount, command } = await result;
  const build = rowBuilderOf(fields.map((f) => f.name));
  return { rows: rows.map(build), rowCount, command } satisfies Partial<pg.QueryResult>;
}

/** Sends the SQL of prepared queries (./prepared.ts) as named statements: parsed once per connection. */
function namingPreparedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((query: unknown, parameters?: unknown[]) => {
          const name = typeof query === 'string' ? statementNameOf(query) : undefined;
          if (name) return camelCaseRows(client.query({ name, text: query as string, values: parameters, rowMode: 'array' }));
          return client.query(query as string, parameters);
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
