// `npm test`: type checks, the OpenAPI drift check, unit + integration + HTTP tests on a real
// PostgreSQL, then the browser end-to-end tests against the built app.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

run('type check: server', 'npx', ['tsc', '-p', 'apps/server']);
run('type check: web', 'npx', ['tsc', '-p', 'apps/web']);
run('type check: benchmarks', 'npx', ['tsc', '-p', 'bench']);
run('type check: browser tests', 'npx', ['tsc', '-p', 'e2e']);
run('translations: zh-CN and en in step', 'node', ['apps/web/scripts/check-locales.mjs']);
run('OpenAPI document and typed client match the schemas', 'node', ['--import', 'tsx', 'apps/server/src/scripts/gen-openapi.ts', '--check']);
run('unit, integration and HTTP tests', 'npx', ['vitest', 'run']);
if (fs.existsSync('e2e/run.ts')) {
  run('build web', 'npm', ['run', 'build']);
  run('end-to-end tests (Chromium)', 'node', ['--import', 'tsx', 'e2e/run.ts']);
}
