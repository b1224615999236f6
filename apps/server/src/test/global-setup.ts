import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';
import { migrateToLatest } from '../db/migrate';

export const TEMPLATE = 'hongyun_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run: `TEST_DATABASE_URL` (an admin connection, e.g. to
 * Debian's PostgreSQL 15 in CI) or an embedded server in a temporary directory. A migrated
 * template database is built once; each test file clones it (createTestDatabase).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let dir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-test-pg-'));
    embedded = await startEmbeddedPostgres(dir, { port: 0 });
    adminUrl = embedded.url;
  }
  try {
    await buildTemplate(adminUrl);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await embedded?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

async function buildTemplate(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const stale = await admin.query(`select datname from pg_database where datname = $1 or datname like 'hongyun_test_%'`, [TEMPLATE]);
  for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  const db = createDatabase(templateUrl, { max: 2 });
  await migrateToLatest(db);
  await db.destroy();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}
