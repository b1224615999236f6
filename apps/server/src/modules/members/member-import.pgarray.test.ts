import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { binaryArray } from './member-import.pgarray';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe('binary arrays', () => {
  it('reach PostgreSQL as the values they were: text in any script, nulls, ints, booleans and bytes', async () => {
    const texts = ['', 'plain', '王小明', 'Ä·ß', '😀 emoji', 'lone \ud800 surrogate', null, '2015-07-01'];
    const bytes = [Buffer.from([0, 1, 254, 255]), Buffer.alloc(0), null];
    const { rows } = await sql<{ texts: (string | null)[]; ints: number[]; flags: boolean[]; bytes: (Buffer | null)[]; dates: string[] }>`
      select ${binaryArray('text', texts)}::text[] as texts, ${binaryArray('int4', [0, -1, 2147483647, -2147483648])}::int4[] as ints,
        ${binaryArray('bool', [true, false])}::bool[] as flags, ${binaryArray('bytea', bytes)}::bytea[] as bytes,
        (${binaryArray('text', ['2015-07-01', '1990-03-15'])}::text[])::date[]::text[] as dates`.execute(t.db);
    // A lone surrogate cannot be UTF-8; it arrives as U+FFFD, as Buffer#write would send it.
    expect(rows[0].texts).toEqual(texts.map((s) => s?.replace('\ud800', '\ufffd') ?? null));
    expect(rows[0].ints).toEqual([0, -1, 2147483647, -2147483648]);
    expect(rows[0].flags).toEqual([true, false]);
    expect(rows[0].dates).toEqual(['2015-07-01', '1990-03-15']);
    const { rows: hex } = await sql<{ h: string | null }>`select encode(b, 'hex') as h from unnest(${binaryArray('bytea', bytes)}::bytea[]) b`.execute(t.db);
    expect(hex.map((r) => r.h)).toEqual(['0001feff', '', null]);
  });

  it('refuses a number that is not an int4 element', () => {
    expect(() => binaryArray('int4', [1.5])).toThrow(TypeError);
    expect(() => binaryArray('text', [1])).toThrow(TypeError);
  });
});
