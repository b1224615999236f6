// `npm start`: install (first time), build the web app (when its sources changed), then
// serve API + web on an embedded PostgreSQL under ./data (or DATABASE_URL).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`红云需要 Node.js ≥ 20.19（推荐 24 LTS），当前为 ${process.versions.node}`);
  process.exit(1);
}

function step(label, cmd, args) {
  console.log(`▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const installed = 'node_modules/.package-lock.json';
if (!fs.existsSync(installed) || fs.statSync('package-lock.json').mtimeMs > fs.statSync(installed).mtimeMs) {
  step('安装依赖 / installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
}
const builtIndex = 'apps/web/dist/index.html';
const webSources = Math.max(newestMtime('apps/web'), newestMtime('packages/shared'));
if (!fs.existsSync(builtIndex) || fs.statSync(builtIndex).mtimeMs < webSources) {
  step('构建网页 / building the web app', 'npm', ['run', 'build']);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], { stdio: 'inherit' });
// Ctrl-C reaches the server too (same process group); wait for it to stop the database.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
