import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import { statementNameOf } from './prepared';
import type { DB } from './types';

// One type-parser setup for every connection (architecture: dates stay 'YYYY-MM-DD').
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and ids fit in a double
pg.types.setTypeParser(1700, (v) => v); // numeric stays exact as text

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Kysely<DB>;

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20 });
  // An idle connection can be closed by the server (e.g. Ctrl-C reaches the embedded database
  // too, which then shuts down on its own). Log it; the pool replaces the connection.
  pool.on('error', (error) => console.error(`数据库连接断开 / database connection lost: ${error.message}`));
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: namingPreparedStatements(pool) }),
    plugins: [new CamelCasePlugin()],
  });
}

/** Sends the SQL of prepared queries (./prepared.ts) as named statements: parsed once per connection. */
function namingPreparedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((query: unknown, parameters?: unknown[]) => {
          const name = typeof query === 'string' ? statementNameOf(query) : undefined;
          if (name) return client.query({ name, text: query as string, values: parameters });
          return client.query(query as string, parameters);
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
