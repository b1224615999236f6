// Flow 9's people and questions. Set up through the API as `city` (a person would not click for
// it): a branch of its own and one member with an account, so the member starts the year with no
// points and the quiz's daily point is not already taken by the demo's history.
//
// Logins are counted (30 per address in 10 minutes for the whole suite), so the API calls ride on
// `city`'s browser session (the context's own request client shares its cookies) instead of a
// login of their own, and the member's first login, with the initial password, is the phone's.
//
// The 20 questions are written here (all four kinds, one new category) and put into the server's
// own import template by the flow; the flow answers from this list, never from the page or the API.

import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '@hongyun/shared';
import { assert } from './wait';

const REGION = '330483';
/** A suffix from the clock keeps names, codes, usernames and the category unique against a reused database. */
const RUN = String(Date.now() % 1000).padStart(3, '0');

export type Kind = 'single' | 'multiple' | 'judge' | 'fill';

export interface SheetQuestion {
  kind: Kind;
  stem: string;
  options: string[];
  /** As the sheet writes it: 'B', 'AC', '正确' / '错误', or the blank's text. */
  answer: string;
  explanation: string;
}

export const CATEGORY = `青禾测试题${RUN}`;
const KIND_TEXT: Record<Kind, string> = { single: '单选题', multiple: '多选题', judge: '判断题', fill: '填空题' };

/** Twenty questions, five of each kind; every stem carries the run so the flow finds exactly these. */
export const QUESTIONS: SheetQuestion[] = [
  ...[
    ['党的最高领导机关是（ ）', ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处'], 'A'],
    ['预备党员的预备期为（ ）', ['六个月', '一年', '两年'], 'B'],
    ['党的根本组织原则是（ ）', ['集体领导', '民主集中制', '个人分工负责'], 'B'],
    ['党的全国代表大会每（ ）举行一次', ['三年', '四年', '五年'], 'C'],
    ['申请入党的人，要有（ ）作介绍人', ['一名正式党员', '两名正式党员', '党支部书记'], 'B'],
  ].map(([stem, options, answer], i) => ({ kind: 'single' as const, stem: `（${RUN}-单${i + 1}）${stem as string}`, options: options as string[], answer: answer as string, explanation: `单选题解析${RUN}-${i + 1}：见《中国共产党章程》。` })),
  ...[
    ['党的纪律处分包括（ ）', ['警告、严重警告', '撤销党内职务', '降级', '留党察看'], 'ABD'],
    ['“三会一课”包括（ ）', ['支部党员大会', '支部委员会', '党小组会', '民主生活会'], 'ABC'],
    ['“四个自信”包括（ ）', ['道路自信', '理论自信', '历史自信', '制度自信'], 'ABD'],
    ['民主评议党员一般包括（ ）', ['个人自评', '党员互评', '民主测评', '上级直接打分'], 'ABC'],
    ['下列属于“六项纪律”的是（ ）', ['政治纪律', '组织纪律', '财经纪律', '廉洁纪律'], 'ABD'],
  ].map(([stem, options, answer], i) => ({ kind: 'multiple' as const, stem: `（${RUN}-多${i + 1}）${stem as string}`, options: options as string[], answer: answer as string, explanation: `多选题解析${RUN}-${i + 1}：见党内法规。` })),
  ...[
    ['预备党员享有表决权、选举权和被选举权。', '错误'],
    ['年满十八岁的先进分子可以申请加入中国共产党。', '正确'],
    ['发展党员可以不经过党的支部。', '错误'],
    ['组织生活会一般每年召开1次。', '正确'],
    ['党支部可以为党员垫交党费。', '错误'],
  ].map(([stem, answer], i) => ({ kind: 'judge' as const, stem: `（${RUN}-判${i + 1}）${stem}`, options: [], answer, explanation: `判断题解析${RUN}-${i + 1}：见党章和支部工作条例。` })),
  ...[
    ['中国共产党第一次全国代表大会于____年召开。', '1921'],
    ['党的最高理想和最终目标是实现____。', '共产主义'],
    ['正式党员____人以上的基层单位应当成立党的基层组织。', '三'],
    ['“红船精神”诞生于浙江____南湖。', '嘉兴'],
    ['主题党日每月相对固定____天。', '1'],
  ].map(([stem, answer], i) => ({ kind: 'fill' as const, stem: `（${RUN}-填${i + 1}）${stem}`, options: [], answer, explanation: `填空题解析${RUN}-${i + 1}：见党史和支部工作条例。` })),
];

/** The question whose stem appears in `text` (a legend reads "[单选题] <stem>"). */
export function questionIn(text: string): SheetQuestion {
  const q = QUESTIONS.find((x) => text.includes(x.stem));
  assert(q, `no question of the sheet in "${text.slice(0, 80)}"`);
  return q;
}

/**
 * Fills the server's template (its 题目 sheet, header titles matched without the required mark)
 * with the questions, dropping the example row, as a person would in Excel.
 */
export async function fillQuestionTemplate(template: Buffer): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer); // exceljs' typings lag Node's Buffer
  const sheet = book.getWorksheet('题目');
  assert(sheet, 'the question template has no 题目 sheet');
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(String(cell.text).replace(/\*$/, '').trim(), col));
  for (const title of ['题型', '分类', '难度', '题干', '选项A', '选项B', '选项C', '选项D', '正确答案', '解析']) assert(columns.has(title), `the question template has no column ${title}`);
  if (sheet.rowCount > 1) sheet.spliceRows(2, sheet.rowCount - 1);
  QUESTIONS.forEach((q, i) => {
    const row = sheet.getRow(2 + i);
    const cells: Record<string, string | number> = { 题型: KIND_TEXT[q.kind], 分类: CATEGORY, 难度: 1 + (i % 3), 题干: q.stem, 正确答案: q.answer, 解析: q.explanation };
    q.options.forEach((text, k) => { cells[`选项${'ABCD'[k]}`] = text; });
    for (const [title, value] of Object.entries(cells)) row.getCell(columns.get(title)!).value = value;
    row.commit();
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** API calls in a logged-in page's session (its cookies; the CSRF token read once from /api/auth/me). */
export class PageApi {
  private constructor(private readonly page: Page, private readonly csrf: string) {}

  static async of(page: Page): Promise<PageApi> {
    const me = await page.request.get('/api/auth/me');
    assert(me.status() === 200, `GET /api/auth/me in the page's session answered ${me.status()}`);
    return new PageApi(page, ((await me.json()) as { csrfToken: string }).csrfToken);
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const r = await this.page.request.fetch(path, { method, data: body, headers: method === 'GET' ? {} : { 'x-csrf-token': this.csrf } });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: r.status(), body: parsed };
  }

  async get<T>(path: string): Promise<T> {
    return expectStatus(await this.request('GET', path), 200, `GET ${path}`) as T;
  }
}

export interface LearningSetup {
  run: string;
  branchId: number;
  branchName: string;
  /** `initialPassword`: the member's first login (on the phone) must change it. */
  member: { id: number; name: string; username: string; initialPassword: string };
  /** `city`'s API calls (the exam organiser), in its browser session. */
  city: PageApi;
}

interface TreeNode { id: number; name: string; isTown: boolean; abolished: boolean }

// The answer as parsed JSON: each caller reads the fields it needs.
export function expectStatus(r: { status: number; body: unknown }, status: number, what: string): any {
  assert(r.status === status, `${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

/** A new branch under a town other flows do not use, one full member and their account, made in `city`'s logged-in page. */
export async function setUpLearning(cityPage: Page, log: (line: string) => void): Promise<LearningSetup> {
  const city = await PageApi.of(cityPage);
  const tree = await city.get<{ nodes: TreeNode[] }>('/api/orgs/tree');
  const towns = tree.nodes.filter((n) => n.isTown && !n.abolished && !/乌镇|濮院/.test(n.name));
  const town = towns[towns.length - 1];
  assert(town, 'the demo has no town to put the branch under');
  const branchName = `青禾学习测试${RUN}科技有限公司党支部`;
  const { id: branchId } = expectStatus(await city.request('POST', '/api/orgs', {
    parentId: town.id, kind: 'branch', name: branchName, code: `E2E-LR-${RUN}-${Date.now() % 100000}`, foundedOn: '2020-05-01',
  }), 201, 'POST /api/orgs (the branch)');
  const name = '南宫学文';
  const { id } = expectStatus(await city.request('POST', '/api/members', {
    orgId: branchId, name, idNumber: makeIdNumber(REGION, '1992-09-18', 500 + Number(RUN) % 400, 'female'), gender: 'female', category: 'full', joinedOn: '2016-07-01', confirmedOn: '2017-07-01',
  }), 201, `POST /api/members (${name})`);
  const username = `lr${RUN}`;
  const created = expectStatus(await city.request('POST', '/api/users', { username, displayName: name, memberId: id, grants: [{ role: 'member', orgId: branchId }] }), 201, `POST /api/users (${username})`) as { initialPassword: string };
  log(`branch #${branchId} ${branchName} under ${town.name}; member ${name} (#${id}, ${username}); category ${CATEGORY}`);
  return { run: RUN, branchId, branchName, member: { id, name, username, initialPassword: created.initialPassword }, city };
}
