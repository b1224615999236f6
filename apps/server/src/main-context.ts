import v8 from 'node:v8';
import type { Config } from './config';
import { createDatabase, type Database } from './db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { migrateToLatest } from './db/migrate';
import type { RolePermissions } from './platform/access';
import { loadRolePermissions, type AppContext } from './platform/context';
import { createDataCipher, loadDataKey } from './platform/crypto';

export interface Runtime {
  ctx: AppContext;
  /** 'embedded' when the bundled PostgreSQL was started for this process. */
  database: 'embedded' | 'external';
  close(): Promise<void>;
}

/**
 * Turns off V8's allocation-site pretenuring for this process. Under request load V8 judged
 * the allocation sites of the request path long-lived and placed their objects in the old
 * generation directly; every young-generation collection then kept what those objects point
 * to alive. Measured on the roster page under 50 connections (bench/roster.ts), three runs each:
 * with it, each young collection promoted 1.2–1.4 MB and paused 6.2–6.9 ms (median); without
 * it, 0.12 MB and 1.9–2.9 ms, and the collector's pauses took half the time in all.
 * Set at start-up, before any request, it takes effect (measured as above).
 */
function tuneGarbageCollector(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * Connects to PostgreSQL (starting the embedded one when DATABASE_URL is unset), migrates,
 * and builds the context every module is made from.
 */
export async function openRuntime(config: Config, options: { migrate?: boolean; log?: (line: string) => void; poolSize?: number } = {}): Promise<Runtime> {
  tuneGarbageCollector();
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, { log: options.log });
    url = embedded.url;
  }
  let db: Database | null = null;
  try {
    db = createDatabase(url, { max: options.poolSize });
    if (options.migrate !== false) await migrateToLatest(db);
    // Before a restore the database is still empty: no permissions until the schema exists.
    let permissions: RolePermissions = await loadRolePermissions(db).catch((error: unknown) => {
      if (options.migrate === false) return new Map();
      throw error;
    });
    const cipher = createDataCipher(loadDataKey({ dataKey: config.dataKey, dataDir: config.dataDir }));
    const database = db;
    const ctx: AppContext = {
      db: database,
      cipher,
      config,
      rolePermissions: () => permissions,
      reloadRolePermissions: async () => {
        permissions = await loadRolePermissions(database);
      },
    };
    return {
      ctx,
      database: embedded ? 'embedded' : 'external',
      close: async () => {
        await database.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await db?.destroy();
    await embedded?.stop();
    throw error;
  }
}
