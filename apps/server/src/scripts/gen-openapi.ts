// Writes the OpenAPI document (apps/server/openapi.json) from the route schemas and the web's
// typed client types (apps/web/src/api/schema.d.ts) from it. `--check` fails on drift.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createDataCipher } from '../platform/crypto';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const specFile = path.join(root, 'apps/server/openapi.json');
const typesFile = path.join(root, 'apps/web/src/api/schema.d.ts');

/** The OpenAPI document as committed: built without a database (routes only). */
export async function renderOpenApi(): Promise<string> {
  const ctx = {
    db: null as unknown as Database, // no route runs while the document is built
    cipher: createDataCipher(crypto.randomBytes(32)),
    config: loadConfig({}),
    rolePermissions: () => new Map(),
    reloadRolePermissions: async () => {},
  };
  const { app } = await buildApp(ctx, { serveWeb: false });
  const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  return doc;
}

export async function renderTypes(spec: string): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(spec));
  return '// Generated from apps/server/openapi.json by `npm run gen`. Do not edit.\n' + astToString(ast);
}

async function main() {
  const check = process.argv.includes('--check');
  const spec = await renderOpenApi();
  const types = await renderTypes(spec);
  if (check) {
    const drift = [
      [specFile, spec],
      [typesFile, types],
    ].filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text);
    if (drift.length) {
      console.error(`generated files are out of date: ${drift.map(([f]) => path.relative(root, f)).join(', ')} — run \`npm run gen\``);
      process.exit(1);
    }
    console.log('OpenAPI document and typed client are up to date');
    return;
  }
  fs.writeFileSync(specFile, spec);
  fs.mkdirSync(path.dirname(typesFile), { recursive: true });
  fs.writeFileSync(typesFile, types);
  console.log(`wrote ${path.relative(root, specFile)} and ${path.relative(root, typesFile)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
