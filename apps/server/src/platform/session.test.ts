import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import type { Database } from '../db/database';
import { createTestApp, login, type TestApp } from '../test/app';
import { tokenHash } from './crypto';
import { forgetAllSessions, forgetSessionsOf, lookUpSession, SESSION_COOKIE } from './session';

let t: TestApp;
let counted: Database;
let lookups = 0;
let answered = 0;
let hash: Buffer;
let userId: number;

// Counts the statements that read sessions, and their answers, without changing them.
const sessionQueries = new Set<unknown>();
const counter: KyselyPlugin = {
  transformQuery(args) {
    if (args.node.kind === 'RawNode' && args.node.sqlFragments.join('').includes('from session s')) {
      lookups++;
      sessionQueries.add(args.queryId);
    }
    return args.node;
  },
  transformResult: async (args) => {
    if (sessionQueries.delete(args.queryId)) answered++;
    return args.result;
  },
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

beforeAll(async () => {
  t = await createTestApp();
  const tree = await t.given.tree();
  const user = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }]);
  userId = user.id;
  const session = await login(t.app, user.username);
  hash = tokenHash(session.cookie.slice(SESSION_COOKIE.length + 1));
  counted = t.db.withPlugin(counter);
});
beforeEach(() => forgetAllSessions());
afterEach(() => vi.useRealTimers());
afterAll(() => t.close());

describe('session lookups', () => {
  it('asks the database once for a session many requests need at once, over several turns of the event loop', async () => {
    lookups = 0;
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 4; j++) answers.push(lookUpSession(counted, hash));
      await turn();
    }
    const rows = await Promise.all(answers);
    expect(rows.every((row) => (row as { userId: number } | undefined)?.userId === userId)).toBe(true);
    expect(lookups).toBe(1);
  });

  it('answers from memory while it reloads a session in steady use, so no request waits for it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    lookups = 0;
    answered = 0;
    await lookUpSession(counted, hash);
    expect(lookups).toBe(1);
    vi.setSystemTime(Date.now() + 3_500);
    const early = lookUpSession(counted, hash);
    // Answered without a round trip: the reload runs on its own.
    expect(await Promise.race([early.then(() => 'memory'), turn().then(() => 'database')])).toBe('memory');
    await vi.waitFor(() => expect(answered).toBe(2)); // the reload's answer has arrived
    await turn();
    // 5.5 s after the first load: only the reloaded entry can still answer.
    vi.setSystemTime(Date.now() + 2_000);
    expect((await lookUpSession(counted, hash))?.userId).toBe(userId);
    expect(lookups).toBe(2);
  });

  it('waits for the database once an entry is too old to answer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    lookups = 0;
    await lookUpSession(counted, hash);
    vi.setSystemTime(Date.now() + 60_000);
    const row = await lookUpSession(counted, hash);
    expect(row?.userId).toBe(userId);
    expect(lookups).toBe(2);
  });

  it('does not keep what a lookup under way read when the account\'s sessions are forgotten meanwhile', async () => {
    lookups = 0;
    const underWay = lookUpSession(counted, hash);
    forgetSessionsOf(userId); // e.g. a password change or new grants, committed meanwhile
    expect((await underWay)?.userId).toBe(userId);
    await lookUpSession(counted, hash);
    expect(lookups).toBe(2);
  });
});
