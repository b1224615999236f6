// Shared pieces of the benchmarks: a real PostgreSQL (embedded, in a temporary or given
// directory), a city-scale database, and one printed table per benchmark.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, type Database } from '../apps/server/src/db/database';
import { startEmbeddedPostgres } from '../apps/server/src/db/embedded';
import { migrateToLatest } from '../apps/server/src/db/migrate';
import { createDataCipher, loadDataKey, type DataCipher } from '../apps/server/src/platform/crypto';
import { seedScale, type Scale, type ScaleResult } from '../apps/server/src/seed/scale';

export interface BenchDatabase {
  db: Database;
  url: string;
  cipher: DataCipher;
  dir: string;
  /** Stops PostgreSQL; removes the directory unless it was given (--data). */
  close(): Promise<void>;
}

/** `--data DIR` keeps the cluster (and its data key) for a later run; otherwise a temp dir. */
export function benchArgs(extra: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {}) {
  return parseArgs({ args: process.argv.slice(2), options: { data: { type: 'string' }, ...extra }, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
}

/** Starts the embedded PostgreSQL in `dir` (fresh temp dir when absent) and migrates. */
export async function openBenchDatabase(dir?: string, poolSize = 10): Promise<BenchDatabase> {
  const keep = Boolean(dir);
  const root = dir ? path.resolve(dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-bench-'));
  const pg = await startEmbeddedPostgres(root, { port: 0 });
  const db = createDatabase(pg.url, { max: poolSize });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    await pg.stop();
    throw error;
  }
  return {
    db,
    url: pg.url,
    cipher: createDataCipher(loadDataKey({ dataDir: root })),
    dir: root,
    close: async () => {
      await db.destroy();
      await pg.stop();
      if (!keep) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Seeds the scale data unless the database already holds organisations. */
export async function ensureScale(b: BenchDatabase, scale: Scale, log = (m: string) => console.error(`  ${m}`)): Promise<ScaleResult | null> {
  const any = await b.db.selectFrom('org').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return seedScale(b.db, b.cipher, scale, log);
}

/** Prints rows as an aligned text table (CJK characters count as two columns). */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => '| ' + r.map((v, c) => v + ' '.repeat(widths[c] - width(v))).join(' | ') + ' |';
  console.log(`\n${title}`);
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of cells.slice(1)) console.log(line(r));
}

/** The Node.js major version the product targets (docs/architecture.md); older ones must still work. */
export const TARGET_NODE_MAJOR = 24;

/** Node version, cores and the 1-minute load average when the run started (others may share the machine). */
export function machine(): string {
  const major = Number(process.versions.node.split('.')[0]);
  const runtime = major < TARGET_NODE_MAJOR ? ` (not the target runtime, Node ${TARGET_NODE_MAJOR}: see bench/README.md)` : '';
  return `node ${process.version}${runtime}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`;
}

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
