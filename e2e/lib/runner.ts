// A tiny runner: named async flows run one after another, each with a timeout, its own
// browser contexts (closed afterwards), screenshots at key steps and on failure.

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface FlowContext {
  baseUrl: string;
  /** A fresh browser context (cookies, storage) for this flow, closed when the flow ends. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Screenshot to e2e/artifacts/<flow>-<nn>-<label>.png. */
  shot(page: Page, label: string): Promise<void>;
  /** A named step: its name is printed and shows in the failure message. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
  log(line: string): void;
}

export interface Flow {
  /** Short id used in artifact names. */
  id: string;
  name: string;
  timeoutMs: number;
  /** Ids of flows whose results this one builds on. */
  needs?: string[];
  run(t: FlowContext): Promise<void>;
}

export interface Result {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const DEFAULT_ACTION_TIMEOUT = 15_000;

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'shot';
}

/** Runs the flows in order; a flow whose `needs` failed is reported failed without running. */
export async function runFlows(flows: Flow[], env: { browser: Browser; baseUrl: string; artifacts: string }): Promise<Result[]> {
  const results: Result[] = [];
  const passed = new Set<string>();
  for (const flow of flows) {
    const started = Date.now();
    const missing = (flow.needs ?? []).filter((id) => !passed.has(id));
    if (missing.length) {
      const error = `not run: needs ${missing.join(', ')}, which failed`;
      results.push({ name: flow.name, ok: false, ms: 0, error });
      console.log(`✗ ${flow.name}\n    ${error}`);
      continue;
    }
    console.log(`▶ ${flow.name}`);
    const contexts: BrowserContext[] = [];
    const diagnostics: string[] = [];
    let shots = 0;
    let currentStep = '';
    const t: FlowContext = {
      baseUrl: env.baseUrl,
      async newContext(options = {}) {
        const context = await env.browser.newContext({
          baseURL: env.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, ...options,
        });
        context.setDefaultTimeout(DEFAULT_ACTION_TIMEOUT);
        context.on('page', (page) => watch(page, diagnostics));
        contexts.push(context);
        return context;
      },
      async newPage(options) {
        const context = await t.newContext(options);
        return context.newPage();
      },
      async shot(page, label) {
        shots += 1;
        const file = path.join(env.artifacts, `${flow.id}-${String(shots).padStart(2, '0')}-${slug(label)}.png`);
        await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch((e: unknown) => diagnostics.push(`screenshot ${label} failed: ${String(e)}`));
      },
      async step(name, fn) {
        currentStep = name;
        const t0 = Date.now();
        const result = await fn();
        console.log(`    · ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        return result;
      },
      log(line) {
        console.log(`      ${line}`);
      },
    };

    let timer: NodeJS.Timeout | undefined;
    let error: unknown = null;
    try {
      await Promise.race([
        flow.run(t),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${flow.timeoutMs / 1000} s`)), flow.timeoutMs);
        }),
      ]);
    } catch (e) {
      error = e;
    } finally {
      clearTimeout(timer);
    }
    if (error) {
      for (const context of contexts) {
        for (const [i, page] of context.pages().entries()) {
          if (page.isClosed()) continue;
          const file = path.join(env.artifacts, `${flow.id}-FAILED-${contexts.indexOf(context)}-${i}.png`);
          await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch(() => undefined);
          fs.writeFileSync(file.replace(/\.png$/, '.html'), await page.content().catch(() => ''));
        }
      }
    }
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    const ms = Date.now() - started;
    if (error) {
      const message = error instanceof Error ? error.message.split('\n').slice(0, 12).join('\n      ') : String(error);
      const detail = `at step "${currentStep}": ${message}`;
      console.log(`✗ ${flow.name} (${(ms / 1000).toFixed(1)} s)\n    ${detail}`);
      for (const d of diagnostics.slice(-15)) console.log(`      browser: ${d}`);
      results.push({ name: flow.name, ok: false, ms, error: detail });
    } else {
      console.log(`✓ ${flow.name} (${(ms / 1000).toFixed(1)} s)`);
      passed.add(flow.id);
      results.push({ name: flow.name, ok: true, ms });
    }
  }
  return results;
}

/** Console errors, uncaught exceptions and 4xx/5xx answers: printed when the flow fails. */
function watch(page: Page, sink: string[]): void {
  const push = (line: string) => {
    if (sink[sink.length - 1] !== line) sink.push(line);
  };
  page.on('console', (m) => {
    // "Failed to load resource" repeats a response that is logged below with its URL.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => push(`page error: ${e.message.slice(0, 300)}`));
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const url = new URL(r.url());
    const line = `${r.status()} ${r.request().method()} ${url.pathname}${url.search}`;
    r.text().then((body) => push(`${line} ${body.slice(0, 200)}`), () => push(line));
  });
}
