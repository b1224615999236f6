import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database';
import * as foundation from './migrations/20261126T0900-foundation';
import * as rosterRollup from './migrations/20261126T1200-roster-rollup';
import * as coverage from './migrations/20261127T0000-coverage';
import * as importStaging from './migrations/20261127T0100-import-staging';
import * as standards from './migrations/20261127T0300-standards';
import * as orglife from './migrations/20261128T0000-orglife';
import * as learningPoints from './migrations/20261128T0200-learning-points';
import * as todoShowsFrom from './migrations/20261129T0100-todo-shows-from';
import * as memberVersion from './migrations/20261130T0000-member-version';
import * as memberNameIndex from './migrations/20261130T0100-member-name-index';
import * as importStagingSealed from './migrations/20261130T0200-import-staging-sealed';
import * as memberPartialIndexes from './migrations/20261130T0300-member-partial-indexes';

/** Migrations are listed here explicitly so the bundle order never depends on the file system. */
const MIGRATIONS: Record<string, Migration> = {
  '20261126T0900-foundation': foundation,
  '20261126T1200-roster-rollup': rosterRollup,
  '20261127T0000-coverage': coverage,
  '20261127T0100-import-staging': importStaging,
  '20261127T0300-standards': standards,
  '20261128T0000-orglife': orglife,
  '20261128T0200-learning-points': learningPoints,
  '20261129T0100-todo-shows-from': todoShowsFrom,
  '20261130T0000-member-version': memberVersion,
  '20261130T0100-member-name-index': memberNameIndex,
  '20261130T0200-import-staging-sealed': importStagingSealed,
  '20261130T0300-member-partial-indexes': memberPartialIndexes,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

/** Brings the schema to the newest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
