// Browser end-to-end tests: a fresh embedded PostgreSQL through the real CLI (first start seeds
// the demo), the built web app in Debian's Chromium, one fresh browser context per flow.
// Run: npm run build && node --import tsx e2e/run.ts   (closing line: "N passed, M failed")

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from './lib/server';
import { runFlows, type Result } from './lib/runner';
import { flows } from './flows';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const artifacts = path.join(here, 'artifacts');
// The checkout whose CLI and built web app are tested: this one, unless E2E_SERVER_ROOT names
// another (e.g. to try the flows against a candidate fix without touching this tree).
const serverRoot = path.resolve(process.env.E2E_SERVER_ROOT ?? repoRoot);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function prepareArtifacts(): void {
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) {
    if (/\.(png|html|log)$/.test(f)) fs.rmSync(path.join(artifacts, f));
  }
}

let running: RunningServer | null = null;

// A stray rejection (e.g. a wait whose action already failed) must not end the run before the
// server is stopped; Ctrl-C on the runner stops the server too (it runs in its own group).
process.on('unhandledRejection', (reason) => console.log(`      (ignored stray rejection: ${String(reason).split('\n')[0]})`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    running?.kill();
    running?.removeDataDir();
    console.log(`\n${signal}: stopped`);
    process.exit(130);
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const only = process.argv.slice(2);
  prepareArtifacts();
  if (!fs.existsSync(path.join(serverRoot, 'apps/web/dist/index.html'))) {
    console.error(`${path.join(serverRoot, 'apps/web/dist')} is missing: run \`npm run build\` first`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const results: Result[] = [];
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  try {
    const t0 = Date.now();
    try {
      server = await startServer({ repoRoot: serverRoot, logFile: path.join(artifacts, 'server.log') });
      running = server;
      results.push({ name: 'first start of the real CLI seeds the demo and answers /api/health', ok: true, ms: Date.now() - t0 });
      console.log(`✓ server up at ${server.baseUrl} (${((Date.now() - t0) / 1000).toFixed(1)} s, data in ${server.dataDir})`);
    } catch (e) {
      results.push({ name: 'server start', ok: false, ms: Date.now() - t0, error: String(e) });
      console.log(`✗ server start\n    ${e instanceof Error ? e.message : String(e)}`);
      return summarise(results, started);
    }

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const selected = only.length ? flows.filter((f) => only.some((o) => f.id.includes(o))) : flows;
    results.push(...(await runFlows(selected, { browser, baseUrl: server.baseUrl, artifacts })));
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) {
      const t0 = Date.now();
      try {
        const notes = await server.stop();
        results.push({ name: 'SIGINT stops the server and its database cleanly', ok: true, ms: Date.now() - t0 });
        console.log('✓ SIGINT stops the server and its database cleanly');
        for (const note of notes) console.log(`    note: ${note}`);
      } catch (e) {
        server.kill();
        results.push({ name: 'SIGINT stops the server and its database cleanly', ok: false, ms: Date.now() - t0, error: String(e) });
        console.log(`✗ SIGINT stops the server and its database cleanly\n    ${e instanceof Error ? e.message : String(e)}`);
      }
      server.removeDataDir();
    }
  }
  return summarise(results, started);
}

function summarise(results: Result[], started: number): number {
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length} checks in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(process.cwd(), artifacts) || artifacts}`);
  for (const r of failed) console.log(`  ✗ ${r.name}: ${r.error?.split('\n')[0]}`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
