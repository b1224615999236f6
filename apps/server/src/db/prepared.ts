import { CompiledQuery, type Compilable } from 'kysely';
import { namedStatementRunner, type Queryable } from './database';

// Hot read paths (the roster page) pay more for building and compiling a Kysely query, and
// for PostgreSQL parsing it, than for running it (bench/roster.ts). A prepared query compiles
// once per shape — which filters are present, plus structural choices such as the sort — and
// reruns the SQL text with new values as a named prepared statement on each connection.

/** Stands for `values[key]` while a shape is compiled; swapped for the value on each run. */
class Slot {
  constructor(readonly key: string) {}
}

/** SQL text → statement name; the database module names these statements on the wire. */
const statementNames = new Map<string, string>();

export function statementNameOf(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

function nameStatement(sqlText: string): void {
  if (!statementNames.has(sqlText)) statementNames.set(sqlText, `hy_${statementNames.size + 1}`);
}

/**
 * `build(values, structure)` must pass every value only as a query parameter (`where(col, op,
 * value)` or `${value}` in `sql`), and test values for presence only (`!== undefined`): while a
 * shape compiles, each present value is a placeholder object. Values that change the SQL
 * (sort column, prefix or infix search) belong in `structure`, which is part of the shape.
 */
export function createPreparedQuery<V extends object, S, R>(
  db: Queryable,
  build: (db: Queryable, values: V, structure: S) => Compilable<R>,
) {
  // The database module gives a named statement's rows their camelCase keys itself. (Made at
  // the first run: the OpenAPI generator builds the app without a database.)
  let plain: Queryable | undefined;
  const direct = namedStatementRunner(db);
  const shapes = new Map<string, { sql: string; parameters: readonly unknown[] }>();
  return async function run(values: V, structure: S): Promise<R[]> {
    const given = values as Record<string, unknown>;
    const present = Object.keys(given).filter((k) => given[k] !== undefined).sort();
    const shape = `${JSON.stringify(structure)}|${present.join(',')}`;
    let compiled = shapes.get(shape);
    if (!compiled) {
      const slots = Object.fromEntries(present.map((k) => [k, new Slot(k)])) as V;
      const query = build(db, slots, structure).compile();
      compiled = { sql: query.sql, parameters: query.parameters };
      const used = new Set(compiled.parameters.filter((p) => p instanceof Slot).map((p) => (p as Slot).key));
      const unused = present.filter((k) => !used.has(k));
      if (unused.length) throw new Error(`prepared query: ${unused.join(', ')} must be passed as parameters`);
      if (shapes.size < 500) shapes.set(shape, compiled); // bounded: shapes are combinations of filters
      nameStatement(compiled.sql);
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? given[p.key] : p));
    if (direct) return (await direct(statementNameOf(compiled.sql)!, compiled.sql, parameters)) as R[];
    plain ??= db.withoutPlugins();
    const result = await plain.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows;
  };
}
