import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe('text[] values from PostgreSQL', () => {
  it('read the same as PostgreSQL\'s own JSON of them, plain or quoted, with NULLs and nesting', async () => {
    const arrays = [
      `'{}'`, `'{manager}'`, `'{manager,rnd,networkSecurity}'`, `array['a b', 'c,d', '', 'NULL', 'null']`,
      `array[null, 'x']::text[]`, `array['quote"d', 'back\\slash', '{brace}']`, `array[['a', 'b'], ['c', 'd']]`,
      `'[0:1]={x,y}'::text[]`, `array['王小明', '网络安全管理']`,
    ];
    for (const a of arrays) {
      const { rows } = await sql<{ parsed: unknown; json: string }>`select ${sql.raw(a)}::text[] as parsed, array_to_json(${sql.raw(a)}::text[])::text as json`.execute(t.db);
      expect(rows[0].parsed, a).toEqual(JSON.parse(rows[0].json));
    }
  });
});
