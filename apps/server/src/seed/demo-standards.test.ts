import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@hongyun/shared';
import { createDataCipher } from '../platform/crypto';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { seedDemo } from './demo';

const TODAY = '2026-11-26';

describe('demo surveys and standards', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, createDataCipher(crypto.randomBytes(32)), { today: TODAY });
  }, 120000);
  afterAll(() => t.drop());

  it('has open survey tasks in 乌镇 and 濮院, one of them overdue', async () => {
    const open = await t.db
      .selectFrom('surveyTask as s')
      .innerJoin('org as t', 't.id', 's.townOrgId')
      .select(['t.code', 's.dueOn'])
      .where('s.status', '=', 'open')
      .execute();
    expect(new Set(open.map((o) => o.code))).toEqual(new Set(['TX-WZ', 'TX-PY']));
    expect(open.filter((o) => o.dueOn < TODAY)).toHaveLength(1);
    expect(open.filter((o) => o.dueOn >= TODAY && o.dueOn <= addDays(TODAY, 30))).toHaveLength(1);
  });

  it('publishes this year\'s standard and has assessments in every state, stars matching accepted items', async () => {
    const template = await t.db.selectFrom('standardTemplate').select(['id', 'publishedAt']).where('year', '=', 2026).executeTakeFirstOrThrow();
    expect(template.publishedAt).not.toBeNull();
    const rows = await t.db.selectFrom('standardAssessment').select(['id', 'status', 'stars']).execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'returned', 'accepted']));
    for (const r of rows.filter((x) => x.status === 'accepted')) {
      const met = await t.db.selectFrom('standardAnswer').select('itemId').where('assessmentId', '=', r.id).where('accepted', '=', true).execute();
      expect(r.stars).toBe(met.length);
    }
    // Every claimed item carries words: evidence is text, never only a photo.
    const bare = await t.db.selectFrom('standardAnswer').select('itemId').where('claimed', '=', true).where('evidence', 'is', null).execute();
    expect(bare).toEqual([]);
  });
});
