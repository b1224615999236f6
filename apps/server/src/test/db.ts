import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../db/database';

const TEMPLATE = 'hongyun_test_template';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a clone of the template (fast, isolated). */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabaseFrom(TEMPLATE);
}

/** An empty database (no migrations) for restore tests. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return createDatabaseFrom(null);
}

async function createDatabaseFrom(template: string | null): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `hongyun_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const db = createDatabase(url, { max: 10 });
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
