// The UI's own zh-CN strings, read from the web app's catalogs, so a test finds the button a
// person sees and keeps finding it when the wording is improved. A missing key throws.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/src/locales');
/** Each area's own catalog (`enterprises.zh-CN.json`, …): one top-level key per area. */
const AREA_CATALOG = /^[\w-]+\.zh-CN\.json$/;

let catalog: Record<string, unknown> | null = null;

/** The core catalog with the area catalogs merged in, as the web app's i18n.ts merges them. */
function load(): Record<string, unknown> {
  if (catalog) return catalog;
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(LOCALES, file), 'utf8')) as Record<string, unknown>;
  const areas = fs.readdirSync(LOCALES).filter((f) => AREA_CATALOG.test(f)).sort().map(read);
  catalog = Object.assign({}, read('zh-CN.json'), ...areas) as Record<string, unknown>;
  return catalog;
}

function lookup(key: string): string | undefined {
  const root = load();
  // Flat ("a.b.c": "…") or nested ({ a: { b: { c: "…" } } }) catalogs, or a mix.
  if (typeof root[key] === 'string') return root[key] as string;
  const parts = key.split('.');
  const walk = (node: unknown, i: number): string | undefined => {
    if (i === parts.length) return typeof node === 'string' ? node : undefined;
    if (!node || typeof node !== 'object') return undefined;
    const obj = node as Record<string, unknown>;
    // Keys may themselves contain dots (audit.action.org.create): try the longest first.
    for (let j = parts.length; j > i; j--) {
      const k = parts.slice(i, j).join('.');
      if (k in obj) {
        const found = walk(obj[k], j);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return walk(root, 0);
}

/** The zh-CN text of `key` with {{var}} filled in; throws when the catalog lacks the key. */
export function tx(key: string, vars: Record<string, string | number> = {}): string {
  const text = lookup(key);
  if (text === undefined) throw new Error(`no "${key}" in apps/web/src/locales/zh-CN.json or an area's <area>.zh-CN.json`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{{${name}}}`));
}

/**
 * A button's accessible name: the text at the end (an icon's label may come first), also
 * matching antd's spaced two-character buttons (确 定).
 */
export function txButton(key: string, vars: Record<string, string | number> = {}): RegExp {
  return spacedText(tx(key, vars));
}

export function spacedText(text: string): RegExp {
  const chars = [...text.trim()].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(^|\\s)${chars.join('\\s*')}\\s*$`);
}

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A form control's accessible name: exactly the label, which Chromium prefixes with antd's
 * required mark ("* 姓名": the mark is CSS content, and CSS content counts in the name).
 */
export function txField(key: string): RegExp {
  return new RegExp(`^(\\*\\s*)?${escapeRegExp(tx(key))}$`);
}

/** A name that starts with the text as a word (a tile's title followed by its subtitle). */
export function txStart(key: string): RegExp {
  return new RegExp(`^${escapeRegExp(tx(key))}(\\s|$)`);
}

/** The text of `key` as a pattern, each {{var}} standing for any text (a title with a name in it). */
export function txPattern(key: string): RegExp {
  const parts = tx(key).split(/\{\{\s*\w+\s*\}\}/);
  return new RegExp(`^${parts.map(escapeRegExp).join('.+')}$`);
}
