// Checks that the zh-CN and en catalogs hold the same keys, and that every literal key the
// code passes to t('…') exists. Exits 1 and lists the problems otherwise.
// Usage: node apps/web/scripts/check-locales.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Each language: the core catalog plus one file per area (`<area>.<lang>.json`), merged by
// their top-level keys as src/shared/i18n.ts merges them.
const areas = readdirSync(join(root, 'src/locales')).map((n) => n.match(/^([a-z-]+)\.zh-CN\.json$/)?.[1]).filter(Boolean);
const catalogs = {
  'zh-CN': ['src/locales/zh-CN.json', ...areas.map((a) => `src/locales/${a}.zh-CN.json`)],
  en: ['src/locales/en.json', ...areas.map((a) => `src/locales/${a}.en.json`)],
};
// i18next plural forms (key_one, key_other, …) count as the base key.
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

const keys = {};
const problems = [];
for (const [lang, files] of Object.entries(catalogs)) {
  const merged = {};
  for (const file of files) {
    let catalog;
    try {
      catalog = JSON.parse(readFileSync(join(root, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${error.code === 'ENOENT' ? 'missing (every area needs both languages)' : error.message}`);
      continue;
    }
    for (const top of Object.keys(catalog)) {
      if (top in merged) problems.push(`${file}: top-level key ${top} is already used by another catalog`);
    }
    Object.assign(merged, catalog);
  }
  const flat = flatten(merged);
  keys[lang] = new Set([...flat.keys()].map((k) => k.replace(PLURAL, '')));
  for (const [k, v] of flat) if (typeof v !== 'string' || v.trim() === '') problems.push(`${lang}: empty value for ${k}`);
}

const [a, b] = Object.keys(catalogs);
for (const k of keys[a]) if (!keys[b].has(k)) problems.push(`${b}: missing ${k}`);
for (const k of keys[b]) if (!keys[a].has(k)) problems.push(`${a}: missing ${k}`);

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const used = /\bt\(\s*['"]([A-Za-z0-9_.-]+)['"]/g;
for (const file of sources(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(used)) {
    const key = match[1];
    if (!keys[a].has(key)) problems.push(`${file.slice(root.length)}: unknown key ${key}`);
  }
}

if (problems.length) {
  console.error(`check-locales: ${problems.length} problem(s)`);
  for (const p of [...new Set(problems)].sort()) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-locales: ok (${keys[a].size} keys in ${Object.keys(catalogs).join(', ')})`);
